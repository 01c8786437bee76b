/* libFuzzer entry point (optional, not part of ctest). Build from the source
 * root with clang, linking every .c file of core/mmc and core/io/core_io.c (the
 * writer's stream helpers):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Icore -Iinclude -Itests/mmc \
 *         tests/mmc/fuzz_mmc_libfuzzer.c core/mmc/mmc_*.c core/io/core_io.c -o fuzz_mmc
 *   ./fuzz_mmc -max_len=512 -max_total_time=60
 * (Debian/Ubuntu: apt-get install -y clang libclang-rt-14-dev; checked with clang 14.) */
#include "fuzz_mmc_body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_one(data, size);
    return 0;
}
