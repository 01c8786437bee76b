/* fs_image_copy (IStream::CopyTo): the bytes equal fs_image_read's for any range, big
 * files go out straight from views of their sources and small ones never ask for a
 * view, the sink gets bounded pieces, and refused views, sink errors and sources that
 * are shorter, longer or failing give the same answers as reading. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "fs_test_util.h"
#include "fs/fs_hresult.h"

struct mem_sink
{
    uint8_t *buf;
    size_t len, cap;
    size_t calls, biggest;
    size_t fail_after;        /* fail the call that would pass this many bytes (0: never) */
};

static int32_t mem_sink_put(void *ctx, const void *buf, size_t len)
{
    struct mem_sink *m = ctx;
    m->calls++;
    if (len > m->biggest) m->biggest = len;
    if (m->fail_after && m->len + len > m->fail_after) return (int32_t)0x80030070L; /* STG_E_MEDIUMFULL */
    if (m->len + len > m->cap) return -1;
    memcpy(m->buf + m->len, buf, len);
    m->len += len;
    return 0;
}

/* Sizes around the view threshold, empty files and small neighbours. */
static const uint64_t sizes[] = { 100, 0, FS_IMAGE_VIEW_MIN - 1, 5000, FS_IMAGE_VIEW_MIN, 3 * FS_IMAGE_VIEW_MIN + 777,
                                  1, 2048, FS_IMAGE_VIEW_WINDOW + 12345, 7, 2 * FS_IMAGE_VIEW_MIN };
#define NFILES (sizeof(sizes) / sizeof(sizes[0]))

static fs_layout *make_layout(int64_t shrink_index, int64_t grow_index, int64_t fail_index)
{
    fs_tree *t = fs_tree_new();
    fs_layout_options o;
    fs_layout *L;
    size_t i;
    CHECK_EQ_INT(tu_add_dir(t, "\\d", NULL), 0);
    for (i = 0; i < NFILES; i++)
    {
        char path[32];
        fs_data_source src;
        uint64_t actual = sizes[i];
        if ((int64_t)i == shrink_index) actual -= 10;
        if ((int64_t)i == grow_index) actual += 1;
        snprintf(path, sizeof(path), "%s\\f%02u.bin", i % 2 ? "\\d" : "", (unsigned)i);
        tu_fake_source(sizes[i], actual, (int64_t)i == fail_index ? (int64_t)(sizes[i] / 2) : -1, &src);
        CHECK_EQ_INT(tu_add_file(t, path, &src), 0);
    }
    fs_layout_options_default(&o);
    o.creation_time = fs_time_from_unix(1700000000);
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), 0);
    fs_tree_free(t);
    return L;
}

static uint8_t *read_image(fs_layout *L, uint64_t *size)
{
    fs_image *img;
    size_t done;
    uint8_t *buf;
    *size = (uint64_t)fs_layout_total_blocks(L) * 2048;
    buf = malloc((size_t)*size);
    CHECK_EQ_INT(fs_image_open(L, &img), 0);
    CHECK_EQ_INT(fs_image_read(img, 0, buf, (size_t)*size, &done), 0);
    CHECK_EQ_INT(done, *size);
    fs_image_close(img);
    return buf;
}

static int32_t copy_range(fs_layout *L, uint64_t off, uint64_t len, struct mem_sink *m, uint64_t *produced)
{
    fs_image *img;
    int32_t hr;
    CHECK_EQ_INT(fs_image_open(L, &img), 0);
    hr = fs_image_copy(img, off, len, mem_sink_put, m, produced);
    fs_image_close(img);
    return hr;
}

static void test_ranges(void)
{
    fs_layout *L;
    uint64_t size, produced;
    uint8_t *ref;
    struct mem_sink m;
    size_t r;

    tu_fake_views = 0;
    L = make_layout(-1, -1, -1);
    ref = read_image(L, &size);
    memset(&m, 0, sizeof(m));
    m.cap = (size_t)size;
    m.buf = malloc(m.cap);

    for (tu_fake_views = 0; tu_fake_views <= 2; tu_fake_views++)
    {
        /* whole image, then ranges starting and ending inside metadata, small files,
         * big files (also inside one view window) and the padding behind them */
        uint64_t ranges[][2] = { { 0, size }, { 0, size + 99999 }, { 1, size - 2 }, { 34816 + 3, 5 },
                                 { size / 3 + 17, size / 3 }, { size - 4096 - 1, 4096 }, { size - 1, 1 },
                                 { size / 2 + 2047, FS_IMAGE_VIEW_MIN + 3 }, { size, 10 } };
        tu_view_calls = tu_view_refused = 0;
        tu_view_bytes = 0;
        tu_view_min_source = UINT64_MAX;
        tu_open_max = tu_open_now = 0;
        for (r = 0; r < sizeof(ranges) / sizeof(ranges[0]); r++)
        {
            uint64_t want = ranges[r][0] >= size ? 0 : ranges[r][1];
            if (ranges[r][0] + want > size) want = size - ranges[r][0];
            m.len = m.calls = m.biggest = 0;
            CHECK_EQ_INT(copy_range(L, ranges[r][0], ranges[r][1], &m, &produced), 0);
            CHECK_EQ_INT(produced, want);
            CHECK_EQ_INT(m.len, want);
            CHECK(!memcmp(m.buf, ref + ranges[r][0], (size_t)want));
            CHECK(m.biggest <= FS_IMAGE_COPY_PIECE);
        }
        CHECK_EQ_INT(tu_open_max, 1);               /* still one source open at a time */
        CHECK_EQ_INT(tu_open_now, 0);
        if (tu_fake_views == 1)
        {
            /* the big files went out from views; files under the threshold never asked */
            CHECK(tu_view_bytes > 2 * (uint64_t)FS_IMAGE_VIEW_WINDOW);
            CHECK_EQ_INT(tu_view_refused, 0);
            CHECK_EQ_INT(tu_view_min_source, FS_IMAGE_VIEW_MIN);
        }
        else if (tu_fake_views == 2)
        {
            CHECK(tu_view_refused > 0);             /* asked, refused, read instead */
            CHECK_EQ_INT(tu_view_bytes, 0);
        }
        else
            CHECK_EQ_INT(tu_view_calls, 0);
    }
    /* Whole image in one call: few sink calls, not one per block. */
    tu_fake_views = 1;
    m.len = m.calls = 0;
    CHECK_EQ_INT(copy_range(L, 0, size, &m, &produced), 0);
    CHECK(m.calls <= size / (64 * 1024) + 2 * NFILES + 8);
    free(m.buf);
    free(ref);
    fs_layout_release(L);
}

/* The sink's error stops the copy and comes back; produced says how far it got. */
static void test_sink_error(void)
{
    fs_layout *L = make_layout(-1, -1, -1);
    uint64_t size = (uint64_t)fs_layout_total_blocks(L) * 2048, produced;
    struct mem_sink m;
    memset(&m, 0, sizeof(m));
    m.cap = (size_t)size;
    m.buf = malloc(m.cap);
    for (tu_fake_views = 0; tu_fake_views <= 1; tu_fake_views++)
    {
        m.len = 0;
        m.fail_after = (size_t)(size / 2);
        CHECK_EQ_INT(copy_range(L, 0, size, &m, &produced), (int32_t)0x80030070L);
        CHECK(m.len <= size / 2);
        CHECK(produced >= m.len && produced <= m.len + FS_IMAGE_COPY_PIECE);
        CHECK_EQ_INT(tu_open_now, 0);
    }
    free(m.buf);
    fs_layout_release(L);
}

/* Sources that changed since they were added: the same HRESULTs as reading. */
static void test_bad_sources(void)
{
    /* index 5 is 3 MiB + 777 (views), 3 is 5000 bytes (read) */
    static const struct { int64_t shrink, grow, fail; int32_t hr; } cases[] = {
        { 5, -1, -1, IMAPI_E_DATA_STREAM_INCONSISTENCY },
        { -1, 5, -1, IMAPI_E_DATA_STREAM_INCONSISTENCY },
        { -1, -1, 5, IMAPI_E_DATA_STREAM_READ_FAILURE },
        { 3, -1, -1, IMAPI_E_DATA_STREAM_INCONSISTENCY },
        { -1, 3, -1, IMAPI_E_DATA_STREAM_INCONSISTENCY },
    };
    size_t c;
    for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
        for (tu_fake_views = 0; tu_fake_views <= 1; tu_fake_views++)
        {
            fs_layout *L = make_layout(cases[c].shrink, cases[c].grow, cases[c].fail);
            uint64_t size = (uint64_t)fs_layout_total_blocks(L) * 2048, produced;
            struct mem_sink m;
            fs_image *img;
            size_t done;
            uint8_t *buf = malloc((size_t)size);
            memset(&m, 0, sizeof(m));
            m.cap = (size_t)size;
            m.buf = malloc(m.cap);
            CHECK_EQ_INT(copy_range(L, 0, size, &m, &produced), cases[c].hr);
            CHECK(produced < size);
            CHECK_EQ_INT(tu_open_now, 0);
            /* reading says the same */
            CHECK_EQ_INT(fs_image_open(L, &img), 0);
            CHECK_EQ_INT(fs_image_read(img, 0, buf, (size_t)size, &done), cases[c].hr);
            fs_image_close(img);
            free(buf);
            free(m.buf);
            fs_layout_release(L);
        }
    tu_fake_views = 0;
}

int main(void)
{
    test_ranges();
    test_sink_error();
    test_bad_sources();
    return check_finish("test_fs_copy");
}
