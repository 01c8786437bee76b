/* libFuzzer entry point for the emulated recorder (optional, not part of ctest): the
 * first input byte picks the state/config parsers (even) or a command sequence (odd),
 * see fuzz_vdrive_body.h. It works in a recorder directory under $TMPDIR (or /tmp).
 * Build from the source root with clang:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Icore -Iinclude -Itests/vdrive \
 *         tests/vdrive/fuzz_vdrive_libfuzzer.c core/vdrive/vdrive_*.c core/mmc/mmc_*.c \
 *         core/io/core_io.c core/io/core_file_posix.c -o fuzz_vdrive
 *   ./fuzz_vdrive -max_len=4096 -max_total_time=60
 * (Debian/Ubuntu: apt-get install -y clang libclang-rt-14-dev; checked with clang 14.) */
#define _POSIX_C_SOURCE 200809L
#include <unistd.h>
#include "fuzz_vdrive_body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *recorder(void)
{
    static char dir[1024];
    if (!dir[0])
    {
        const char *tmp = getenv("TMPDIR");
        vdrive_config cfg;
        snprintf(dir, sizeof(dir), "%s/fuzz_vdrive_%ld", tmp && *tmp ? tmp : "/tmp", (long)getpid());
        vdrive_config_default(&cfg);
        cfg.becoming_ready = 0;
        if (vdrive_create(dir, &cfg)) abort();
    }
    return dir;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *dir = recorder();
    if (!size) return 0;
    if (data[0] & 1) fuzz_vdrive_commands(dir, data + 1, size - 1);
    else fuzz_vdrive_text(dir, data + 1, size - 1);
    return 0;
}
