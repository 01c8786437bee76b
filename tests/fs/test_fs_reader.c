/* The on-demand image reader: sources opened lazily and one at a time, random access
 * equal to sequential, several readers over one layout, and the HRESULTs for sources
 * that are shorter, longer, failing or gone. */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"
#include "fs_test_util.h"
#include "fs/fs_hresult.h"

static int32_t read_all(fs_layout *L, uint8_t *buf, size_t chunk, uint64_t *total)
{
    fs_image *img;
    uint64_t off = 0;
    uint8_t *sink = buf ? NULL : malloc(chunk);   /* NULL buf: read and drop */
    int32_t hr = fs_image_open(L, &img);
    if (hr) { free(sink); return hr; }
    for (;;)
    {
        size_t done;
        if ((hr = fs_image_read(img, off, buf ? buf + off : sink, chunk, &done)) || !done) break;
        off += done;
    }
    *total = off;
    fs_image_close(img);
    free(sink);
    return hr;
}

static void test_lazy_and_random(void)
{
    fs_tree *t = fs_tree_new();
    fs_layout_options o;
    fs_layout *L;
    fs_image *img, *img2;
    uint8_t *a, *b;
    uint64_t total, size;
    uint32_t i, nonempty = 0, lcg = 12345;
    int bad = 0;
    size_t done;
    for (i = 0; i < 300; i++)
    {
        char path[64];
        fs_data_source src;
        uint64_t len = (i % 7 == 0) ? 0 : (uint64_t)(i * 977 % 20000);
        snprintf(path, sizeof(path), "\\d%u\\f%03u.bin", i % 5, i);
        if (i < 5) { snprintf(path, sizeof(path), "\\d%u", i); CHECK_EQ_INT(tu_add_dir(t, path, NULL), 0);
                     snprintf(path, sizeof(path), "\\d%u\\f%03u.bin", i % 5, i); }
        tu_fake_source(len, len, -1, &src);
        CHECK_EQ_INT(tu_add_file(t, path, &src), 0);
        if (len) nonempty++;
    }
    fs_layout_options_default(&o);
    o.creation_time = fs_time_from_unix(1700000000);
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), 0);
    fs_tree_free(t);
    CHECK_EQ_INT(tu_open_total, 0);                       /* nothing opened by layout */
    size = (uint64_t)fs_layout_total_blocks(L) * 2048;
    a = malloc((size_t)size + 65536);
    b = malloc(65536);
    CHECK_EQ_INT(read_all(L, a, 65536, &total), 0);
    CHECK_EQ_INT(total, size);
    CHECK_EQ_INT(tu_open_max, 1);                         /* one source open at a time */
    CHECK_EQ_INT(tu_open_now, 0);                         /* each closed after its end */
    CHECK_EQ_INT(tu_open_total, nonempty);

    /* File data lands at its extent, followed by zero padding to the block end. */
    for (i = 0; i < fs_layout_file_count(L); i++)
    {
        uint32_t first, n, k;
        uint16_t name[64];
        fs_layout_file_extent(L, i, &first, &n);
        fs_layout_file_path(L, i, name, 64);
        for (k = 0; k < n * 2048; k++)
        {
            /* fake sources yield byte i = i & 0xff; the file's size is in its name */
            unsigned idx = (unsigned)((name[5] - '0') * 100 + (name[6] - '0') * 10 + (name[7] - '0'));
            uint64_t len = (idx % 7 == 0) ? 0 : (uint64_t)(idx * 977 % 20000);
            uint8_t want = k < len ? (uint8_t)(k & 0xff) : 0;
            if (a[(size_t)first * 2048 + k] != want) { bad++; break; }
        }
    }
    CHECK_EQ_INT(bad, 0);

    /* Random reads (seeking back into files reopens them) equal the sequential bytes;
     * two readers over one layout do not disturb each other. */
    CHECK_EQ_INT(fs_image_open(L, &img), 0);
    CHECK_EQ_INT(fs_image_open(L, &img2), 0);
    for (i = 0; i < 400; i++)
    {
        uint64_t off;
        size_t len;
        lcg = lcg * 1103515245u + 12345u;
        off = (uint64_t)(lcg >> 4) % size;
        lcg = lcg * 1103515245u + 12345u;
        len = (lcg >> 8) % 65536;
        CHECK_EQ_INT(fs_image_read(i & 1 ? img : img2, off, b, len, &done), 0);
        CHECK_EQ_INT(done, off + len <= size ? len : size - off);
        if (memcmp(b, a + off, done)) { bad++; fprintf(stderr, "random read at %llu+%zu differs\n", (unsigned long long)off, len); }
    }
    CHECK_EQ_INT(bad, 0);
    CHECK_EQ_INT(fs_image_read(img, size, b, 100, &done), 0);   /* at the end: nothing */
    CHECK_EQ_INT(done, 0);
    CHECK_EQ_INT(fs_image_size(img), size);
    fs_image_close(img);
    fs_image_close(img2);
    CHECK_EQ_INT(tu_open_now, 0);
    fs_layout_release(L);
    free(a);
    free(b);
}

static int32_t image_of_one(const fs_data_source *src)
{
    fs_tree *t = fs_tree_new();
    fs_layout_options o;
    fs_layout *L;
    uint64_t total;
    int32_t hr;
    fs_layout_options_default(&o);
    CHECK_EQ_INT(tu_add_file(t, "\\before.txt", &(fs_data_source){ 0 }), 0);
    CHECK_EQ_INT(tu_add_file(t, "\\file.bin", src), 0);
    hr = fs_layout_build(t, &o, &L);
    fs_tree_free(t);
    if (hr) return hr;
    hr = read_all(L, NULL, 1 << 20, &total);
    fs_layout_release(L);
    return hr;
}

static void test_source_errors(void)
{
    fs_data_source src;
    char path[1024];
    const char *dir = tu_scratch("fs_reader");
    tu_fake_source(10000, 10000, -1, &src);
    CHECK_EQ_INT(image_of_one(&src), 0);
    tu_fake_source(10000, 5000, -1, &src);                /* shorter than declared */
    CHECK_EQ_INT(image_of_one(&src), IMAPI_E_DATA_STREAM_INCONSISTENCY);
    tu_fake_source(5000, 10000, -1, &src);                /* longer than declared */
    CHECK_EQ_INT(image_of_one(&src), IMAPI_E_DATA_STREAM_INCONSISTENCY);
    tu_fake_source(8192, 8192, 3000, &src);               /* read error */
    CHECK_EQ_INT(image_of_one(&src), IMAPI_E_DATA_STREAM_READ_FAILURE);
    CHECK_EQ_INT(tu_open_now, 0);

    /* Real files: changed size after adding, and gone before reading. */
    snprintf(path, sizeof(path), "%s/grows.bin", dir);
    CHECK_EQ_INT(tu_write_file(path, NULL, 3000, 1), 0);
    CHECK_EQ_INT(tu_file_source(path, &src), 0);
    CHECK_EQ_INT(tu_write_file(path, NULL, 5000, 1), 0);
    CHECK_EQ_INT(image_of_one(&src), IMAPI_E_DATA_STREAM_INCONSISTENCY);
    snprintf(path, sizeof(path), "%s/gone.bin", dir);
    CHECK_EQ_INT(tu_write_file(path, NULL, 3000, 1), 0);
    CHECK_EQ_INT(tu_file_source(path, &src), 0);
    CHECK_EQ_INT(unlink(path), 0);
    CHECK_EQ_INT(image_of_one(&src), IMAPI_E_DATA_STREAM_READ_FAILURE);
    CHECK_EQ_INT(tu_open_now, 0);
}

/* Path tables (ECMA-119 6.9.1): by level, then parent number, then identifier; the
 * M table is the L table with big-endian numbers. Expected orders worked out by hand
 * from that rule; Joliet compares UCS-2 values, so "Beta" precedes "alpha". */
static uint32_t le32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }

static void check_path_table(fs_image *img, uint32_t vd_block, int ucs2, const char *const *want_names, const int *want_parents, int n)
{
    uint8_t vd[2048], *l, *m;
    uint32_t size, lpos, mpos, off = 0;
    size_t done;
    int i = 0;
    CHECK_EQ_INT(fs_image_read(img, (uint64_t)vd_block * 2048, vd, 2048, &done), 0);
    size = le32(vd + 132);
    CHECK_EQ_INT(size, be32(vd + 136));
    lpos = le32(vd + 140);
    mpos = be32(vd + 148);
    l = malloc(size);
    m = malloc(size);
    CHECK_EQ_INT(fs_image_read(img, (uint64_t)lpos * 2048, l, size, &done), 0);
    CHECK_EQ_INT(fs_image_read(img, (uint64_t)mpos * 2048, m, size, &done), 0);
    while (off < size && i < n)
    {
        uint8_t len = l[off];
        char name[64] = "";
        int k;
        CHECK_EQ_INT(m[off], len);
        CHECK_EQ_INT(le32(l + off + 2), be32(m + off + 2));                 /* extent */
        CHECK_EQ_INT(l[off + 6] | l[off + 7] << 8, m[off + 6] << 8 | m[off + 7]);   /* parent */
        for (k = 0; k < (ucs2 ? len / 2 : len) && k < 63; k++)
            name[k] = (char)(ucs2 ? l[off + 8 + 2 * k + 1] : l[off + 8 + k]);
        if (i == 0) CHECK(len == 1 && l[off + 8] == 0);
        else CHECK(!strcmp(name, want_names[i]));
        CHECK_EQ_INT(l[off + 6] | l[off + 7] << 8, want_parents[i]);
        off += 8 + len + (len & 1);
        i++;
    }
    CHECK_EQ_INT(i, n);
    CHECK_EQ_INT(off, size);
    free(l);
    free(m);
}

static void test_path_tables(void)
{
    static const char *const dirs[] = { "\\zeta", "\\alpha", "\\alpha\\inner2", "\\alpha\\inner1", "\\Beta",
                                        "\\zeta\\x", "\\Beta\\q", "\\Beta\\q\\r" };
    static const char *const iso[] = { "", "ALPHA", "BETA", "ZETA", "INNER1", "INNER2", "Q", "X", "R" };
    static const int iso_parent[] = { 1, 1, 1, 1, 2, 2, 3, 4, 7 };
    static const char *const jol[] = { "", "Beta", "alpha", "zeta", "q", "inner1", "inner2", "x", "r" };
    static const int jol_parent[] = { 1, 1, 1, 1, 2, 3, 3, 4, 5 };
    fs_tree *t = fs_tree_new();
    fs_layout_options o;
    fs_layout *L;
    fs_image *img;
    size_t i;
    for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) CHECK_EQ_INT(tu_add_dir(t, dirs[i], NULL), 0);
    fs_layout_options_default(&o);
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), 0);
    fs_tree_free(t);
    CHECK_EQ_INT(fs_image_open(L, &img), 0);
    check_path_table(img, 16, 0, iso, iso_parent, 9);
    check_path_table(img, 17, 1, jol, jol_parent, 9);
    fs_image_close(img);
    fs_layout_release(L);
}

/* ECMA-119 9.3, written here from the standard: compare the name parts padded with
 * spaces, then the extensions padded with spaces (versions are all 1). */
static int part_cmp(const uint16_t *a, int an, const uint16_t *b, int bn)
{
    int i;
    for (i = 0; i < an || i < bn; i++)
    {
        uint16_t x = i < an ? a[i] : ' ', y = i < bn ? b[i] : ' ';
        if (x != y) return x < y ? -1 : 1;
    }
    return 0;
}

static int id_order(const uint16_t *a, int an, const uint16_t *b, int bn)
{
    int ad = 0, bd = 0, as, bs, r;
    for (as = 0; as < an && a[as] != ';'; as++) {}
    for (bs = 0; bs < bn && b[bs] != ';'; bs++) {}
    for (ad = as; ad > 0 && a[ad - 1] != '.'; ad--) {}
    for (bd = bs; bd > 0 && b[bd - 1] != '.'; bd--) {}
    ad = ad ? ad - 1 : as;
    bd = bd ? bd - 1 : bs;
    if ((r = part_cmp(a, ad, b, bd))) return r;
    return part_cmp(a + (ad < as ? ad + 1 : as), as - (ad < as ? ad + 1 : as), b + (bd < bs ? bd + 1 : bs), bs - (bd < bs ? bd + 1 : bs));
}

/* Walk the root directory behind a volume descriptor: '.' and '..' first, then
 * identifiers in 9.3 order, no record crossing a block end. Returns records seen. */
static int check_root_order(fs_image *img, uint32_t vd_block, int ucs2)
{
    uint8_t vd[2048], *dir;
    uint32_t extent, size, off = 0;
    uint16_t prev[128], cur[128];
    int prevn = -1, count = 0, bad = 0;
    size_t done;
    CHECK_EQ_INT(fs_image_read(img, (uint64_t)vd_block * 2048, vd, 2048, &done), 0);
    extent = le32(vd + 156 + 2);
    size = le32(vd + 156 + 10);
    dir = malloc(size);
    CHECK_EQ_INT(fs_image_read(img, (uint64_t)extent * 2048, dir, size, &done), 0);
    while (off < size)
    {
        uint8_t len = dir[off], idlen;
        int n, k;
        if (len == 0) { off = (off / 2048 + 1) * 2048; continue; }
        if (off % 2048 + len > 2048) { bad++; break; }
        idlen = dir[off + 32];
        n = ucs2 && count >= 2 ? idlen / 2 : idlen;
        for (k = 0; k < n && k < 128; k++)
            cur[k] = ucs2 && count >= 2 ? (uint16_t)(dir[off + 33 + 2 * k] << 8 | dir[off + 34 + 2 * k]) : dir[off + 33 + k];
        if (count < 2) { if (idlen != 1 || dir[off + 33] != count) bad++; }
        else if (prevn >= 0 && id_order(prev, prevn, cur, n) >= 0) bad++;
        if (count >= 2) { memcpy(prev, cur, sizeof(cur)); prevn = n; }
        count++;
        off += len;
    }
    CHECK_EQ_INT(bad, 0);
    free(dir);
    return count;
}

static void test_record_order(void)
{
    static const char *const names[] = { "a!x", "a.txt", "A_B", "ab", "a", "a.b.c", "b~1.txt", "Zz", "zz.",
                                         "[x]", "a.z", "a0", "long name with many words in it.text" };
    fs_tree *t = fs_tree_new();
    fs_layout_options o;
    fs_layout *L;
    fs_image *img;
    size_t i;
    int level;
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
    {
        char path[128];
        fs_data_source src;
        snprintf(path, sizeof(path), "\\%s", names[i]);
        if (i % 3 == 0) { CHECK_EQ_INT(tu_add_dir(t, path, NULL), 0); continue; }
        tu_fake_source(i * 100, i * 100, -1, &src);
        CHECK_EQ_INT(tu_add_file(t, path, &src), 0);
    }
    for (i = 0; i < 150; i++)                                   /* a root spanning blocks */
    {
        char path[128];
        snprintf(path, sizeof(path), "\\spill %03u with a longer name.bin", (unsigned)(i * 7919 % 1000));
        CHECK_EQ_INT(tu_add_file(t, path, &(fs_data_source){ 0 }), 0);
    }
    for (level = 1; level <= 2; level++)
    {
        fs_layout_options_default(&o);
        o.iso_level = level;
        CHECK_EQ_INT(fs_layout_build(t, &o, &L), 0);
        CHECK_EQ_INT(fs_image_open(L, &img), 0);
        CHECK_EQ_INT(check_root_order(img, 16, 0), 2 + 163);
        CHECK_EQ_INT(check_root_order(img, 17, 1), 2 + 163);
        fs_image_close(img);
        fs_layout_release(L);
    }
    fs_tree_free(t);
}

int main(void)
{
    test_path_tables();
    test_record_order();
    test_lazy_and_random();
    test_source_errors();
    return check_finish("test_fs_reader");
}
