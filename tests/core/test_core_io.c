/* The memory stream of the core I/O seam: reads, short reads, seeks past the end. */
#include <string.h>
#include "check.h"
#include "io/core_io.h"

int main(void)
{
    unsigned char data[10] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, buf[16];
    core_mem_stream m;
    size_t done = 99;

    core_mem_stream_init(&m, data, sizeof(data));
    CHECK_EQ_INT(core_read_full(&m.base, buf, 4), 0);
    CHECK(!memcmp(buf, data, 4));
    CHECK_EQ_INT(m.base.ops->read(&m.base, buf, 16, &done), 0);
    CHECK_EQ_INT(done, 6);
    CHECK_EQ_INT(buf[0], 4);
    CHECK_EQ_INT(m.base.ops->read(&m.base, buf, 16, &done), 0);
    CHECK_EQ_INT(done, 0);
    CHECK_EQ_INT(m.base.ops->seek(&m.base, 11), CORE_IO_SHORT);
    CHECK_EQ_INT(m.base.ops->seek(&m.base, 8), 0);
    CHECK_EQ_INT(core_read_full(&m.base, buf, 3), CORE_IO_SHORT);
    return check_finish("test_core_io");
}
