/* Validation of exclusive-access owner names. */
#include "exclusive_name.h"

static int allowed(uint16_t c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return 1;
    switch (c)
    {
    case ' ': case '.': case ',': case ':': case ';': case '-': case '_':
        return 1;
    default:
        return 0;
    }
}

int exclusive_name_valid(const uint16_t *name, size_t len)
{
    size_t i;
    if (!name || !len || len > EXCLUSIVE_NAME_MAX) return 0;
    for (i = 0; i < len; i++)
        if (!allowed(name[i])) return 0;
    return 1;
}
