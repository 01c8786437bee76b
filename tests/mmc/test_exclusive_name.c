/* Owner names for exclusive access: what CDROM.SYS's caller-name rule admits. */
#include <string.h>
#include "check.h"
#include "mmc/exclusive_name.h"

static int valid_ascii(const char *s)
{
    uint16_t buf[128];
    size_t i, n = strlen(s);
    for (i = 0; i < n; i++) buf[i] = (unsigned char)s[i];
    return exclusive_name_valid(buf, n);
}

int main(void)
{
    static const uint16_t umlaut[] = { 'B', 0xfc, 'r', 'o' };
    char long_name[80];

    CHECK(valid_ascii("IMAPIv2"));
    CHECK(valid_ascii("My Burner 1.0, build:7; x-y_z"));
    CHECK(!valid_ascii(""));
    CHECK(!exclusive_name_valid(NULL, 3));
    CHECK(!valid_ascii("a/b"));
    CHECK(!valid_ascii("quote\"d"));
    CHECK(!valid_ascii("tab\there"));
    CHECK(!exclusive_name_valid(umlaut, 4));

    memset(long_name, 'x', sizeof(long_name));
    long_name[EXCLUSIVE_NAME_MAX] = 0;
    CHECK(valid_ascii(long_name));
    long_name[EXCLUSIVE_NAME_MAX] = 'x';
    long_name[EXCLUSIVE_NAME_MAX + 1] = 0;
    CHECK(!valid_ascii(long_name));
    return check_finish("test_exclusive_name");
}
