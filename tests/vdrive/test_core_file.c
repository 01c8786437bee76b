/* The file/lock seam (POSIX natively; also built with mingw-w64 and run under Wine by
 * run_wine_test.sh for the Win32 implementation): positional I/O, sparse sizing, locks between two opens of
 * one file in the same process, atomic replace, write-behind (a helper thread syncing
 * while the writer goes on). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "io/core_file.h"

int main(void)
{
    const char *tmp = getenv("IMAPI_TEST_TMP");
    char dir[1024], path[1100], meta[1100];
    core_file *a, *b;
    char buf[16], *all;
    size_t done, len;
    uint64_t size;

    if (!tmp) tmp = "/tmp";
    snprintf(dir, sizeof(dir), "%s/core_file", tmp);
    CHECK_EQ_INT(core_file_mkdir(dir), 0);
    CHECK_EQ_INT(core_file_mkdir(dir), 0); /* existing directory is fine */
    snprintf(path, sizeof(path), "%s/data.bin", dir);
    core_file_remove(path);
    CHECK_EQ_INT(core_file_exists(path), 0);
    CHECK_EQ_INT(core_file_open(path, CORE_FILE_READ, &a), CORE_FILE_ENOENT);

    CHECK_EQ_INT(core_file_open(path, CORE_FILE_READ | CORE_FILE_WRITE | CORE_FILE_CREATE, &a), 0);
    /* an offset past 4 GiB must survive the trip (32-bit off_t/long would truncate it) */
    CHECK_EQ_INT(core_file_pwrite(a, "hello", 5, 5000000000ull), 0);
    CHECK_EQ_INT(core_file_size(a, &size), 0);
    CHECK_EQ_INT(size, 5000000005ull);
    CHECK_EQ_INT(core_file_pread(a, buf, 10, 5000000000ull, &done), 0);
    CHECK_EQ_INT(done, 5);
    CHECK(!memcmp(buf, "hello", 5));
    CHECK_EQ_INT(core_file_pread(a, buf, 4, 4096, &done), 0); /* hole reads as zeros */
    CHECK_EQ_INT(done, 4);
    CHECK(!memcmp(buf, "\0\0\0\0", 4));
    CHECK_EQ_INT(core_file_set_size(a, 8192), 0);
    CHECK_EQ_INT(core_file_size(a, &size), 0);
    CHECK_EQ_INT(size, 8192);
    CHECK_EQ_INT(core_file_sync(a), 0);

    /* two opens in one process exclude each other */
    CHECK_EQ_INT(core_file_open(path, CORE_FILE_READ | CORE_FILE_WRITE, &b), 0);
    CHECK_EQ_INT(core_file_lock(a, 0, 1, CORE_LOCK_EXCLUSIVE, CORE_LOCK_TRY), 0);
    CHECK_EQ_INT(core_file_lock(b, 0, 1, CORE_LOCK_EXCLUSIVE, 30), CORE_FILE_EBUSY);
    CHECK_EQ_INT(core_file_lock(b, 0, 1, CORE_LOCK_SHARED, CORE_LOCK_TRY), CORE_FILE_EBUSY);
    CHECK_EQ_INT(core_file_lock(b, 1, 1, CORE_LOCK_EXCLUSIVE, CORE_LOCK_TRY), 0); /* other range */
    CHECK_EQ_INT(core_file_unlock(a, 0, 1), 0);
    CHECK_EQ_INT(core_file_lock(b, 0, 1, CORE_LOCK_SHARED, CORE_LOCK_TRY), 0);
    CHECK_EQ_INT(core_file_lock(a, 0, 1, CORE_LOCK_SHARED, CORE_LOCK_TRY), 0); /* shared + shared */
#ifdef _WIN32
    CHECK(core_file_lock_held_elsewhere(a, 0, 1) < 0);       /* Win32 cannot tell */
    core_file_close(b);
    CHECK_EQ_INT(core_file_unlock(a, 0, 1), 0);
    CHECK_EQ_INT(core_file_lock(a, 0, 1, CORE_LOCK_EXCLUSIVE, CORE_LOCK_TRY), 0); /* b's lock went with it */
#else
    CHECK_EQ_INT(core_file_lock_held_elsewhere(a, 0, 1), 1);
    CHECK_EQ_INT(core_file_lock_held_elsewhere(a, 5, 1), 0);
    core_file_close(b);
    CHECK_EQ_INT(core_file_lock_held_elsewhere(a, 0, 1), 0); /* closing released b's locks */
#endif
    core_file_close(a);
    CHECK_EQ_INT(core_file_remove(path), 0);

    /* write-behind: every byte written while the helper syncs is in the file; syncs
     * asked for back to back, a foreground sync meanwhile and a close with one still
     * pending neither lose data nor hang */
    CHECK_EQ_INT(core_file_open(path, CORE_FILE_READ | CORE_FILE_WRITE | CORE_FILE_CREATE, &a), 0);
    {
        static unsigned char block[65536], back[65536];
        unsigned i, j, bad = 0;
        for (i = 0; i < 96; i++)
        {
            for (j = 0; j < sizeof(block); j++) block[j] = (unsigned char)(i * 31 + j * 7 + (j >> 8));
            CHECK_EQ_INT(core_file_pwrite(a, block, sizeof(block), (uint64_t)i * sizeof(block)), 0);
            core_file_sync_behind(a);
            if (i % 8 == 0) core_file_sync_behind(a);   /* folds into the pending one */
            if (i == 48) CHECK_EQ_INT(core_file_sync(a), 0);
        }
        core_file_close(a);                             /* a sync may still be pending */
        CHECK_EQ_INT(core_file_open(path, CORE_FILE_READ, &a), 0);
        CHECK_EQ_INT(core_file_size(a, &size), 0);
        CHECK_EQ_INT(size, 96ull * sizeof(block));
        for (i = 0; i < 96; i++)
        {
            for (j = 0; j < sizeof(block); j++) block[j] = (unsigned char)(i * 31 + j * 7 + (j >> 8));
            CHECK_EQ_INT(core_file_pread(a, back, sizeof(back), (uint64_t)i * sizeof(back), &done), 0);
            if (done != sizeof(back) || memcmp(block, back, sizeof(back))) bad++;
        }
        CHECK_EQ_INT(bad, 0);
        core_file_close(a);
        /* a second open starts a helper of its own and still syncs */
        CHECK_EQ_INT(core_file_open(path, CORE_FILE_READ | CORE_FILE_WRITE, &a), 0);
        core_file_sync_behind(a);
        CHECK_EQ_INT(core_file_pwrite(a, "x", 1, 0), 0);
        CHECK_EQ_INT(core_file_sync(a), 0);
        core_file_close(a);
    }
    CHECK_EQ_INT(core_file_remove(path), 0);

    snprintf(meta, sizeof(meta), "%s/meta.txt", dir);
    CHECK_EQ_INT(core_file_replace(meta, "one\n", 4, 1), 0);
    CHECK_EQ_INT(core_file_replace(meta, "second\n", 7, 0), 0);
    CHECK_EQ_INT(core_file_read_all(meta, &all, &len), 0);
    CHECK_EQ_INT(len, 7);
    CHECK(!strcmp(all, "second\n"));
    free(all);
    return check_finish("test_core_file");
}
