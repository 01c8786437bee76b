/* Large files: a sparse file of exactly 2 GiB (IMAPI's ISO9660/Joliet maximum) is
 * streamed through the image reader to memory chunks and checked on the fly (never
 * written to disk); one byte more is IMAPI_E_DATA_TOO_BIG. A smaller sparse variant
 * is written out and judged by xorriso and 7z. */
#define _XOPEN_SOURCE 700
#define _FILE_OFFSET_BITS 64
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "check.h"
#include "fs_test_util.h"
#include "fs/fs_hresult.h"

static char out[65536];

typedef struct marker { uint64_t at; const char *text; } marker;

static int make_sparse(const char *path, uint64_t size, const marker *m, int nm)
{
    int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644), i;
    if (fd < 0) return -1;
    if (ftruncate(fd, (off_t)size)) { close(fd); return -1; }
    for (i = 0; i < nm; i++)
        if (pwrite(fd, m[i].text, strlen(m[i].text), (off_t)m[i].at) != (ssize_t)strlen(m[i].text)) { close(fd); return -1; }
    return close(fd);
}

static int32_t layout_dir(const char *dir, fs_layout **L)
{
    fs_tree *t = fs_tree_new();
    fs_layout_options o;
    int32_t hr = tu_add_disk_tree(t, fs_tree_root(t), dir);
    fs_layout_options_default(&o);
    o.max_blocks = 0;
    o.creation_time = fs_time_from_unix(1700000000);
    if (!hr) hr = fs_layout_build(t, &o, L);
    fs_tree_free(t);
    return hr;
}

int main(void)
{
    const char *scratch = tu_scratch("fs_bigfile");
    char dir[1024], path[1200], small[1024];
    static const uint64_t big = 2147483648ULL;
    marker m[3] = { { 0, "BEGIN" }, { 1073741824ULL + 12345, "MIDDLE" }, { 2147483648ULL - 3, "END" } };
    fs_layout *L;
    fs_image *img;
    uint8_t *chunk, *zero;
    const size_t CH = 8u << 20;
    uint64_t off = 0, size, data_start = 0, data_bytes = 0, small_start = 0;
    uint32_t i;
    int bad = 0, seen = 0;
    clock_t c0;

    snprintf(dir, sizeof(dir), "%s/big", scratch);
    snprintf(path, sizeof(path), "mkdir -p '%s'", dir);
    CHECK_EQ_INT(system(path), 0);
    snprintf(path, sizeof(path), "%s/big.bin", dir);
    CHECK_EQ_INT(make_sparse(path, big, m, 3), 0);
    snprintf(path, sizeof(path), "%s/zz_after.txt", dir);
    CHECK_EQ_INT(tu_write_file(path, "after the big one\n", 18, 0), 0);

    CHECK_EQ_INT(layout_dir(dir, &L), 0);
    for (i = 0; i < fs_layout_file_count(L); i++)
    {
        uint32_t first, n;
        uint16_t name[64];
        fs_layout_file_extent(L, i, &first, &n);
        fs_layout_file_path(L, i, name, 64);
        if (name[1] == 'b') { data_start = (uint64_t)first * 2048; data_bytes = (uint64_t)n * 2048; }
        else small_start = (uint64_t)first * 2048;
    }
    CHECK_EQ_INT(data_bytes, big);
    size = (uint64_t)fs_layout_total_blocks(L) * 2048;
    CHECK(size > big);
    chunk = malloc(CH);
    zero = calloc(1, CH);
    CHECK_EQ_INT(fs_image_open(L, &img), 0);
    c0 = clock();
    while (off < size)
    {
        size_t done, k;
        int32_t hr = fs_image_read(img, off, chunk, CH, &done);
        CHECK_EQ_INT(hr, 0);
        if (hr || !done) break;
        /* Markers must be where the file's extent puts them; all else in it is zero. */
        for (k = 0; k < 3; k++)
        {
            uint64_t at = data_start + m[k].at;
            size_t len = strlen(m[k].text);
            if (at >= off && at + len <= off + done)
            {
                if (memcmp(chunk + (at - off), m[k].text, len)) bad++;
                memset(chunk + (at - off), 0, len);
                seen++;
            }
        }
        if (small_start >= off && small_start + 18 <= off + done)
        {
            if (memcmp(chunk + (small_start - off), "after the big one\n", 18)) bad++;
            seen++;
        }
        if (off >= data_start && off + done <= data_start + data_bytes && memcmp(chunk, zero, done)) bad++;
        off += done;
    }
    printf("streamed %llu bytes of a 2 GiB-file image in %.2f s CPU\n", (unsigned long long)off, (double)(clock() - c0) / CLOCKS_PER_SEC);
    CHECK_EQ_INT(off, size);
    CHECK_EQ_INT(seen, 4);
    CHECK_EQ_INT(bad, 0);
    fs_image_close(img);
    fs_layout_release(L);

    /* One byte past 2 GiB does not fit ISO9660/Joliet without multi-extent files. */
    snprintf(path, sizeof(path), "%s/big.bin", dir);
    CHECK_EQ_INT(truncate(path, (off_t)(big + 1)), 0);
    CHECK_EQ_INT(layout_dir(dir, &L), IMAPI_E_DATA_TOO_BIG);
    CHECK_EQ_INT(unlink(path), 0);

    /* The smaller variant on disk, judged by xorriso and 7z. */
    snprintf(small, sizeof(small), "%s/small", scratch);
    snprintf(path, sizeof(path), "mkdir -p '%s'", small);
    CHECK_EQ_INT(system(path), 0);
    {
        marker sm[3] = { { 0, "BEGIN" }, { 12345678, "MIDDLE" }, { 25165824 - 3, "END" } };
        snprintf(path, sizeof(path), "%s/sparse.bin", small);
        CHECK_EQ_INT(make_sparse(path, 25165824, sm, 3), 0);
        snprintf(path, sizeof(path), "%s/after.txt", small);
        CHECK_EQ_INT(tu_write_file(path, "after\n", 6, 0), 0);
    }
    CHECK_EQ_INT(layout_dir(small, &L), 0);
    snprintf(path, sizeof(path), "%s/small.iso", scratch);
    CHECK_EQ_INT(tu_write_image(L, path), 0);
    fs_layout_release(L);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "xorriso -joliet on -indev '%s' -compare_r '%s' / 2>&1 | grep -v 'st_mode\\|st_.time' | grep -c '^[-?] '", path, small), 1);
    CHECK_EQ_INT(atoi(out), 0);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "xorriso -joliet on -indev '%s' -find / -type f 2>/dev/null", path), 0);
    CHECK(strstr(out, "'/sparse.bin'") != NULL);           /* the compare above really loaded it */
    CHECK_EQ_INT(tu_run(out, sizeof(out), "cd '%s' && 7z x -y -ox7 small.iso >/dev/null && cmp x7/sparse.bin small/sparse.bin && cmp x7/after.txt small/after.txt", scratch), 0);
    free(chunk);
    free(zero);
    return check_finish("test_fs_bigfile");
}
