/* libFuzzer entry point for the import readers (optional, not part of ctest). Build
 * from the source root with clang, linking core/fs and core/io:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Icore -Iinclude -Itests/fs \
 *         tests/fs/fuzz_fs_import_libfuzzer.c core/fs/fs_*.c core/io/core_io.c -o fuzz_fs_import
 *   ./fuzz_fs_import -max_len=262144 -max_total_time=600 CORPUS
 * Seed CORPUS with small images (genisoimage [-udf], xorriso, mkudffs, fsmkiso, our UDF
 * writer); each input goes through the ISO9660, Joliet and UDF readers. A finding is an ASan /
 * UBSan report or an abort on a read outside the media. */
#include <stdlib.h>
#include "fuzz_fs_import_body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_one(data, size);
    if (fuzz_outside || fuzz_bad_result) abort();
    return 0;
}
