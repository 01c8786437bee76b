/* Scale: 100,000 entries in one directory (add, case-insensitive find, layout, full
 * metadata generation; times printed, not asserted) and 50,000 names that clash after
 * level-1 mangling in another. xorriso and isoinfo count and check the result. */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "check.h"
#include "fs_test_util.h"
#include "fs/fs_name.h"
#include "fs/fs_hresult.h"

static char out[1 << 16];

static double secs(clock_t c0) { return (double)(clock() - c0) / CLOCKS_PER_SEC; }

int main(void)
{
    enum { N = 100000, NCLASH = 50000 };
    fs_tree *t = fs_tree_new();
    fs_item *big, *clash, *it;
    fs_layout_options o;
    fs_layout *L;
    fs_image *img;
    uint16_t name[64];
    size_t len, done;
    uint64_t off = 0;
    static uint8_t buf[1 << 20];
    const char *dir = tu_scratch("fs_scale");
    char path[1200];
    int i, failures = 0;
    clock_t c0;

    CHECK_EQ_INT(tu_add_dir(t, "\\big", &big), 0);
    CHECK_EQ_INT(tu_add_dir(t, "\\clash", &clash), 0);
    c0 = clock();
    for (i = 0; i < N && !failures; i++)
    {
        char n8[64];
        fs_data_source src = { 0 };
        snprintf(n8, sizeof(n8), "file_%06d.txt", i);
        len = fs_utf8_to_u16(n8, name, 64);
        if (fs_tree_add_file_path(t, big, name, len, &src, NULL)) failures++;
    }
    printf("add %d files to one directory: %.3f s CPU\n", N, secs(c0));
    CHECK_EQ_INT(failures, 0);
    c0 = clock();
    for (i = 0; i < N; i += 7)
    {
        char n8[64];
        snprintf(n8, sizeof(n8), "FILE_%06d.TXT", i);
        len = fs_utf8_to_u16(n8, name, 64);
        if (!fs_dir_find(big, name, len)) failures++;
    }
    printf("find %d names case-insensitively: %.3f s CPU\n", N / 7 + 1, secs(c0));
    CHECK_EQ_INT(failures, 0);
    for (i = 0; i < NCLASH && !failures; i++)
    {
        char n8[64];
        fs_data_source src = { 0 };
        snprintf(n8, sizeof(n8), "Clashing document number %06d.document", i);
        len = fs_utf8_to_u16(n8, name, 64);
        if (fs_tree_add_file_path(t, clash, name, len, &src, NULL)) failures++;
    }
    CHECK_EQ_INT(failures, 0);
    CHECK_EQ_INT(fs_tree_file_count(t), N + NCLASH);

    fs_layout_options_default(&o);
    o.iso_level = 1;
    o.creation_time = fs_time_from_unix(1700000000);
    c0 = clock();
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), 0);
    printf("layout of %d files (ISO9660 level 1 + Joliet): %.3f s CPU\n", N + NCLASH, secs(c0));
    c0 = clock();
    CHECK_EQ_INT(fs_image_open(L, &img), 0);
    while (fs_image_read(img, off, buf, sizeof(buf), &done) == 0 && done) off += done;
    fs_image_close(img);
    printf("generate all %llu bytes of metadata: %.3f s CPU\n", (unsigned long long)off, secs(c0));
    CHECK_EQ_INT(off, (uint64_t)fs_layout_total_blocks(L) * 2048);

    /* Removing half of the big directory one by one stays linear too. */
    c0 = clock();
    for (i = 0; i < N; i += 2)
    {
        char n8[64];
        snprintf(n8, sizeof(n8), "file_%06d.txt", i);
        len = fs_utf8_to_u16(n8, name, 64);
        it = fs_dir_find(big, name, len);
        if (!it || fs_item_remove(t, it, 0)) failures++;
    }
    printf("remove %d files: %.3f s CPU\n", N / 2, secs(c0));
    CHECK_EQ_INT(failures, 0);
    CHECK_EQ_INT(fs_dir_child_count(big), N / 2);
    fs_tree_free(t);

    /* The independent readers see every entry, with unique 8.3 names. */
    snprintf(path, sizeof(path), "%s/scale.iso", dir);
    CHECK_EQ_INT(tu_write_image(L, path), 0);
    fs_layout_release(L);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "xorriso -indev '%s' -find /big -type f 2>/dev/null | grep -c '^'", path), 0);
    CHECK_EQ_INT(atoi(out), N);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "xorriso -joliet on -indev '%s' -find /clash -type f 2>/dev/null | grep -c 'Clashing document number'", path), 0);
    CHECK_EQ_INT(atoi(out), NCLASH);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "isoinfo -l -i '%s' | sed -n 's/.*]  //p' | grep -v '^\\.\\.\\? *$' > '%s/names' && wc -l < '%s/names'", path, dir, dir), 0);
    CHECK_EQ_INT(atoi(out), N + NCLASH + 2);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "sort '%s/names' | uniq -d | wc -l", dir), 0);
    CHECK_EQ_INT(atoi(out), 0);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "grep -c -v -E '^[A-Z0-9_~]{1,8}(\\.[A-Z0-9_]{0,3};1)? *$' '%s/names'", dir), 1);
    CHECK_EQ_INT(atoi(out), 0);
    return check_finish("test_fs_scale");
}
