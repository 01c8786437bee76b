/* Named streams in UDF 2.00+ images (core/fs/fs_udf.c stream directories, UDF 3.3.5).
 * No reader on this machine lists named streams, so:
 *  - tests/fs/udf_streams_check.py (an independent parser written from ECMA-167 and
 *    UDF, none of core/fs) finds each file's stream directory, checks every tag's
 *    checksum, CRC and location, the parent FID, the stream names and each stream's
 *    bytes against what was added, and the file's Object Size;
 *  - the main files still read byte for byte with 7z (-tudf t, x + diff -r),
 *    libudfread (tests/fs/udfread_list) and our own import (fs_read_import, streams
 *    ignored), and udfinfo reports the image without complaint;
 *  - below 2.00 no stream is recorded (the checker finds none).
 * For 2.00, 2.01 (also bridged with ISO9660 + Joliet), 2.50 (with and without
 * redundant metadata) and 2.60. A missing tool is a failure. */
#define _XOPEN_SOURCE 700
#define _FILE_OFFSET_BITS 64
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"
#include "fs_test_util.h"
#include "fs_import_util.h"
#include "fs/fs_hresult.h"

static char out[1 << 20];
static char checker[1024], reader[1024];
static const char *dir;

/* The streams added: file, UTF-16 name (with its UTF-8 spelling), size, pattern seed.
 * Sizes: one block, several blocks with a partial last one, empty, and a Greek name
 * (16-bit compressed unicode). */
static const struct stream_case
{
    const char *file;
    uint16_t name[20];
    size_t name_len;
    const char *utf8;
    size_t size;
    int seed;
} streams[] = {
    { "a.txt", { 'Z','o','n','e','.','I','d','e','n','t','i','f','i','e','r' }, 15, "Zone.Identifier", 100, 11 },
    { "a.txt", { 'b','i','g' }, 3, "big", 70001, 12 },
    { "a.txt", { 'e','m','p','t','y' }, 5, "empty", 0, 0 },
    { "d/c.txt", { 0x3b1, 0x3b2, 0x3b3 }, 3, "\xce\xb1\xce\xb2\xce\xb3", 3000, 13 },
};
#define NSTREAMS (sizeof(streams) / sizeof(streams[0]))

static fs_item *stream_items[NSTREAMS];

/* fs_layout_options.file_streams: the table's streams of this file, read from files. */
static int32_t add_streams(void *ctx, fs_item *file, fs_stream_sink *sink)
{
    size_t i;
    (void)ctx;
    for (i = 0; i < NSTREAMS; i++)
    {
        char path[1200];
        fs_data_source src;
        int32_t hr;
        if (stream_items[i] != file) continue;
        snprintf(path, sizeof(path), "%s/streams/%u", dir, (unsigned)i);
        if (tu_file_source(path, &src)) return -1;
        hr = fs_stream_sink_add(sink, streams[i].name, streams[i].name_len, &src);
        if (src.release) src.release(src.ctx);
        if (hr) return hr;
    }
    return 0;
}

static int32_t build(const char *src, uint32_t fs, unsigned rev, int redundant, const char *img)
{
    fs_layout_options o;
    fs_tree *t = fs_tree_new();
    fs_layout *L;
    int32_t hr;
    size_t i;
    fs_layout_options_default(&o);
    o.file_systems = fs;
    o.udf_revision = rev;
    o.udf_redundant_metadata = redundant;
    o.creation_time = fs_time_from_unix(1700000000);
    o.file_streams = add_streams;
    hr = tu_add_disk_tree(t, fs_tree_root(t), src);
    for (i = 0; !hr && i < NSTREAMS; i++)
    {
        char path[64];
        snprintf(path, sizeof(path), "\\%s", streams[i].file);
        hr = tu_lookup(t, path, &stream_items[i]);
    }
    if (!hr) hr = fs_layout_build(t, &o, &L);
    fs_tree_free(t);
    if (hr) return hr;
    hr = tu_write_image(L, img);
    fs_layout_release(L);
    return hr;
}

static void one(const char *src, unsigned rev, uint32_t fs, int redundant)
{
    char img[1200], want[1200], exp[1200];
    unsigned files = 0;
    fs_disc *d;
    fs_tree *t;
    fs_import_info info;

    fprintf(stderr, "UDF %x fs %u redundant %d\n", rev, (unsigned)fs, redundant);
    snprintf(img, sizeof(img), "%s/s%x_%u_%d.img", dir, rev, (unsigned)fs, redundant);
    CHECK_EQ_INT(build(src, fs, rev, redundant, img), 0);

    /* The streams, as the independent parser finds them (none below 2.00). */
    snprintf(want, sizeof(want), "%s/manifest.txt", dir);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "/usr/bin/python3 '%s' '%s' '%s' 2>&1", checker, img,
                        rev >= 0x200 ? want : "/dev/null"), 0);
    snprintf(exp, sizeof(exp), "streams: %u checked\n", rev >= 0x200 ? (unsigned)NSTREAMS : 0u);
    CHECK(strstr(out, exp) != NULL);
    if (!strstr(out, exp) || strstr(out, "ERROR")) fprintf(stderr, "udf_streams_check: %.3000s\n", out);

    /* The main files: 7z, libudfread, udfinfo. */
    CHECK_EQ_INT(tu_run(out, sizeof(out), "7z t -tudf '%s' 2>&1", img), 0);
    CHECK(strstr(out, "Everything is Ok") != NULL);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "rm -rf '%s/x' && 7z x -tudf -o'%s/x' '%s' >/dev/null 2>&1 && diff -r '%s' '%s/x' 2>&1",
                        dir, dir, img, src, dir), 0);
    if (out[0]) fprintf(stderr, "7z diff: %.2000s\n", out);
    snprintf(want, sizeof(want), "%s/want.txt", dir);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "'%s' '%s' | LC_ALL=C sort | grep -v '^V ' | diff '%s' - 2>&1", reader, img, want), 0);
    if (out[0]) fprintf(stderr, "udfread_list: %.2000s\n", out);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "udfinfo '%s' 2>&1", img), 0);
    snprintf(exp, sizeof(exp), "udfrev=%x.%02x\n", rev >> 8, rev & 0xff);
    CHECK(strstr(out, exp) != NULL);
    CHECK(strstr(out, "numfiles=3\n") != NULL);
    CHECK(strstr(out, "rror") == NULL && strstr(out, "arning") == NULL);
    if (!strstr(out, exp) || strstr(out, "rror") || strstr(out, "arning")) fprintf(stderr, "udfinfo: %.3000s\n", out);

    /* Our own reader imports the files (streams are not imported). */
    d = ti_open(img);
    CHECK(d != NULL);
    if (!d) return;
    t = fs_tree_new();
    CHECK_EQ_INT(fs_read_import(d, 0, FS_FS_UDF, t, NULL, &info), 0);
    fs_disc_release(d);
    CHECK_EQ_INT(info.files, 3);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "rm -rf '%s/imp'", dir), 0);
    snprintf(exp, sizeof(exp), "%s/imp", dir);
    CHECK_EQ_INT(ti_export(fs_tree_root(t), exp, &files), 0);
    CHECK_EQ_INT(files, 3);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "diff -r '%s' '%s/imp' 2>&1", src, dir), 0);
    fs_tree_free(t);
}

int main(void)
{
    char src[1200], path[1200];
    size_t i;
    FILE *m;

    CHECK(tu_have("7z"));
    CHECK(tu_have("udfinfo"));
    CHECK(access("/usr/bin/python3", X_OK) == 0);
    snprintf(checker, sizeof(checker), "%s/tests/fs/udf_streams_check.py",
             getenv("IMAPI_SOURCE_DIR") ? getenv("IMAPI_SOURCE_DIR") : ".");
    snprintf(reader, sizeof(reader), "%s", getenv("UDFREAD_LIST") ? getenv("UDFREAD_LIST") : "./udfread_list");
    CHECK(access(reader, X_OK) == 0);
    dir = tu_scratch("fs_udf_streams");
    CHECK(dir != NULL);
    if (!dir) return check_finish("test_fs_udf_streams");

    /* The tree: two files with streams (one in a directory), one without, an empty directory. */
    snprintf(src, sizeof(src), "%s/src", dir);
    CHECK_EQ_INT(tu_run(out, sizeof(out), "mkdir -p '%s/d' '%s/e' '%s/streams'", src, src, dir), 0);
    snprintf(path, sizeof(path), "%s/a.txt", src);
    CHECK_EQ_INT(tu_write_file(path, NULL, 5000, 1), 0);
    snprintf(path, sizeof(path), "%s/b.bin", src);
    CHECK_EQ_INT(tu_write_file(path, NULL, 200000, 2), 0);
    snprintf(path, sizeof(path), "%s/d/c.txt", src);
    CHECK_EQ_INT(tu_write_file(path, NULL, 4000, 3), 0);
    snprintf(path, sizeof(path), "%s/manifest.txt", dir);
    m = fopen(path, "w");
    CHECK(m != NULL);
    for (i = 0; m && i < NSTREAMS; i++)
    {
        snprintf(path, sizeof(path), "%s/streams/%u", dir, (unsigned)i);
        CHECK_EQ_INT(tu_write_file(path, NULL, streams[i].size, streams[i].seed), 0);
        fprintf(m, "/%s\t%s\t%s\n", streams[i].file, streams[i].utf8, path);
    }
    if (m) fclose(m);
    snprintf(path, sizeof(path), "%s/want.u", dir);
    m = fopen(path, "w");
    CHECK(m != NULL);
    if (m)
    {
        tu_list_source(src, "", m);
        fclose(m);
    }
    CHECK_EQ_INT(tu_run(out, sizeof(out), "LC_ALL=C sort '%s' > '%s/want.txt'", path, dir), 0);

    one(src, 0x200, FS_FS_UDF, 0);
    one(src, 0x201, FS_FS_UDF, 0);
    one(src, 0x201, FS_FS_UDF | FS_FS_ISO9660 | FS_FS_JOLIET, 0);
    one(src, 0x250, FS_FS_UDF, 0);
    one(src, 0x250, FS_FS_UDF, 1);
    one(src, 0x260, FS_FS_UDF | FS_FS_ISO9660, 1);
    one(src, 0x150, FS_FS_UDF, 0);
    return check_finish("test_fs_udf_streams");
}
