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

int main(void)
{
    test_lazy_and_random();
    test_source_errors();
    return check_finish("test_fs_reader");
}
