/* Random-write media (fs_layout_options.random_write, the IMultisessionRandomWrite
 * path): session 1 is built at block 0, imported from its image, changed (a file
 * removed, one replaced, two added) and built again as one growing file system: the
 * new logical session at the old volume's end (fs_read_volume_end: ISO9660's volume
 * space size, or UDF's partition end and closing anchor for UDF alone), its volume
 * descriptors repeated at 16 and UDF's anchor at 256. Only the modified ranges are
 * copied onto a copy of the session-1 image, as IDiscFormat2Data::Write does on a
 * DVD+RW, and the result is judged from block 0 by independent readers: 7z -tudf
 * and libudfread (UDF), xorriso and isoinfo (Joliet), diff -r against the expected
 * tree; our reader agrees. The blocks between the in-place ones and the new session
 * are never written (zeros in the stream), so imported file data stays where it was. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "fs_test_util.h"
#include "fs_import_util.h"
#include "fs/fs_image.h"
#include "imapi2fserror.h"

static char tmp[1024], reader[1024];

static int sh(const char *fmt, const char *a, const char *b, const char *c)
{
    char cmd[8192], out[4096];
    int rc;
    snprintf(cmd, sizeof(cmd), fmt, a, b, c);
    rc = tu_run(out, sizeof(out), "%s", cmd);
    if (rc) fprintf(stderr, "command failed (%d): %s\n%s\n", rc, cmd, out);
    return rc;
}

static void make_sources(void)
{
    char p[2048];
    int i;
    snprintf(p, sizeof(p), "%s/src1", tmp);
    CHECK_EQ_INT(sh("rm -rf '%s' && mkdir -p '%s/sub/deeper' '%s/docs'", p, p, p), 0);
    snprintf(p, sizeof(p), "%s/src1/a.txt", tmp); tu_write_file(p, "hello\n", 6, 0);
    snprintf(p, sizeof(p), "%s/src1/sub/big.bin", tmp); tu_write_file(p, NULL, 300000, 3);
    snprintf(p, sizeof(p), "%s/src1/sub/deeper/Long Name.text", tmp); tu_write_file(p, NULL, 4097, 5);
    snprintf(p, sizeof(p), "%s/src1/docs/readme.md", tmp); tu_write_file(p, "# old\n", 6, 0);
    snprintf(p, sizeof(p), "%s/src1/replace.txt", tmp); tu_write_file(p, "version 1\n", 10, 0);
    snprintf(p, sizeof(p), "%s/src1/remove.txt", tmp); tu_write_file(p, "gone\n", 5, 0);
    for (i = 0; i < 20; i++)
    {
        snprintf(p, sizeof(p), "%s/src1/docs/file%02d.dat", tmp, i);
        tu_write_file(p, NULL, (size_t)(i * 1500), i);
    }
    snprintf(p, sizeof(p), "%s/src2", tmp);
    CHECK_EQ_INT(sh("rm -rf '%s' && mkdir -p '%s/docs'", p, p, NULL), 0);
    snprintf(p, sizeof(p), "%s/src2/session2.txt", tmp); tu_write_file(p, NULL, 50000, 9);
    snprintf(p, sizeof(p), "%s/src2/docs/new.txt", tmp); tu_write_file(p, "new\n", 4, 0);
    snprintf(p, sizeof(p), "%s/src2/replace.txt", tmp); tu_write_file(p, "version 2, longer\n", 18, 0);
}

static void options(fs_layout_options *o, uint32_t fs, uint32_t start)
{
    static const uint16_t vol[] = { 'R', 'W' };
    fs_layout_options_default(o);
    o->file_systems = fs;
    o->udf_revision = 0x201;
    o->max_blocks = 0;
    o->session_start = start;
    o->random_write = 1;
    o->creation_time = fs_time_from_unix(1700000000);
    o->volume_name = vol;
    o->volume_name_len = 2;
}

/* IDiscFormat2Data::Write on overwrite media with a block range list: each range of
 * the stream to the same blocks of the disc, nothing else. */
static int apply_ranges(fs_layout *L, const char *disc)
{
    FILE *f = fopen(disc, "r+b");
    fs_image *img;
    uint8_t *buf = malloc(2048);
    uint32_t i, b, first, last;
    int rc = 0;
    if (!f || !buf || fs_image_open(L, &img)) { if (f) fclose(f); free(buf); return -1; }
    for (i = 0; i < fs_layout_modified_count(L) && !rc; i++)
    {
        fs_layout_modified_range(L, i, &first, &last);
        for (b = first; b <= last && !rc; b++)
        {
            size_t done;
            if (fs_image_read(img, (uint64_t)b * 2048, buf, 2048, &done) || done != 2048) rc = -1;
            else if (fseek(f, (long)b * 2048, SEEK_SET) || fwrite(buf, 1, 2048, f) != 2048) rc = -1;
        }
    }
    fs_image_close(img);
    fclose(f);
    free(buf);
    return rc;
}

static int block_is_zero(fs_layout *L, uint32_t block)
{
    fs_image *img;
    uint8_t buf[2048];
    size_t done, i;
    int zero = 1;
    if (fs_image_open(L, &img)) return 0;
    if (fs_image_read(img, (uint64_t)block * 2048, buf, sizeof(buf), &done) || done != sizeof(buf)) zero = 0;
    for (i = 0; zero && i < sizeof(buf); i++) zero = !buf[i];
    fs_image_close(img);
    return zero;
}

static void test_grow(uint32_t fs, uint32_t import_fs, const char *tag)
{
    char s1[1200], iso1[1200], disc[1200], exp[1200], out[1200], p[2048], cmd[4096];
    fs_layout_options o;
    fs_layout *L;
    fs_tree *t = fs_tree_new();
    fs_import_info info;
    fs_item *it;
    fs_data_source src;
    uint32_t end = 0, i, first, last, vds;
    fs_disc *d;

    fprintf(stderr, "random write: %s\n", tag);
    snprintf(s1, sizeof(s1), "%s/src1", tmp);
    snprintf(iso1, sizeof(iso1), "%s/s1_%s.iso", tmp, tag);
    snprintf(disc, sizeof(disc), "%s/rw_%s.iso", tmp, tag);
    /* Session 1 at block 0 (random_write without a session start is a plain image). */
    CHECK_EQ_INT(tu_add_disk_tree(t, fs_tree_root(t), s1), 0);
    options(&o, fs, 0);
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), 0);
    CHECK_EQ_INT(fs_layout_modified_count(L), 0);
    CHECK_EQ_INT(tu_write_image(L, iso1), 0);
    fs_layout_release(L);
    fs_tree_free(t);
    t = fs_tree_new();

    d = ti_open(iso1);
    CHECK(d != NULL);
    if (!d) { fs_tree_free(t); return; }
    CHECK_EQ_INT(fs_read_volume_end(d, &end), 0);
    CHECK_EQ_INT(end, fs_disc_blocks(d));
    CHECK_EQ_INT(fs_read_import(d, 0, import_fs, t, NULL, &info), 0);
    CHECK_EQ_INT(fs_tree_data_blocks(t), 0);
    fs_disc_release(d);
    CHECK_EQ_INT(tu_lookup(t, "/remove.txt", &it), 0);
    CHECK_EQ_INT(fs_item_remove(t, it, 0), 0);
    CHECK_EQ_INT(tu_lookup(t, "/replace.txt", &it), 0);
    CHECK_EQ_INT(fs_item_remove(t, it, 0), 0);
    snprintf(p, sizeof(p), "%s/src2/replace.txt", tmp);
    CHECK_EQ_INT(tu_file_source(p, &src), 0);
    CHECK_EQ_INT(tu_add_file(t, "/replace.txt", &src), 0);
    snprintf(p, sizeof(p), "%s/src2/session2.txt", tmp);
    CHECK_EQ_INT(tu_file_source(p, &src), 0);
    CHECK_EQ_INT(tu_add_file(t, "/session2.txt", &src), 0);
    snprintf(p, sizeof(p), "%s/src2/docs/new.txt", tmp);
    CHECK_EQ_INT(tu_file_source(p, &src), 0);
    CHECK_EQ_INT(tu_add_file(t, "/docs/new.txt", &src), 0);

    /* A session start before the in-place descriptors end cannot be. */
    options(&o, fs, 17);
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), IMAPI_E_INCOMPATIBLE_PREVIOUS_SESSION);
    options(&o, fs, end);
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), 0);
    fs_tree_free(t);
    if (!L) return;

    /* The stream is the disc from block 0; the ranges: descriptors at 16, UDF's anchor
     * at 256, the new session to the end; big.bin (147 blocks) is not rewritten. */
    /* PVD, SVD, terminator, BEA/NSR/TEA */
    vds = (fs & FS_FS_ISO9660 ? 2 : 0) + (fs & FS_FS_JOLIET ? 1 : 0) + (fs & FS_FS_UDF ? 3 : 0);
    CHECK(fs_layout_total_blocks(L) > end);
    CHECK(fs_layout_total_blocks(L) - end < 400);
    CHECK_EQ_INT(fs_layout_modified_count(L), fs & FS_FS_UDF ? 3 : 2);
    fs_layout_modified_range(L, 0, &first, &last);
    CHECK_EQ_INT(first, 16);
    CHECK_EQ_INT(last, 16 + vds - 1);
    if (fs & FS_FS_UDF)
    {
        fs_layout_modified_range(L, 1, &first, &last);
        CHECK_EQ_INT(first, 256);
        CHECK_EQ_INT(last, 256);
    }
    fs_layout_modified_range(L, fs_layout_modified_count(L) - 1, &first, &last);
    CHECK_EQ_INT(first, end);
    CHECK_EQ_INT(last, fs_layout_total_blocks(L) - 1);
    CHECK(block_is_zero(L, 16 + vds));
    CHECK(block_is_zero(L, end - 1));

    snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", iso1, disc);
    CHECK_EQ_INT(sh("%s", cmd, NULL, NULL), 0);
    CHECK_EQ_INT(apply_ranges(L, disc), 0);
    fs_layout_release(L);
    /* the disc ends where the new session does */
    {
        FILE *f = fopen(disc, "rb");
        long size = 0;
        if (f) { fseek(f, 0, SEEK_END); size = ftell(f); fclose(f); }
        CHECK_EQ_INT((uint32_t)(size / 2048), last + 1);
    }

    snprintf(exp, sizeof(exp), "%s/expect", tmp);
    CHECK_EQ_INT(sh("rm -rf '%s' && cp -r '%s' '%s'", exp, s1, exp), 0);
    snprintf(p, sizeof(p), "%s/remove.txt", exp);
    remove(p);
    CHECK_EQ_INT(sh("cp -r %s/src2/. '%s/'", tmp, exp, NULL), 0);

    /* Our reader from block 0. */
    for (i = 0; i < 2; i++)
    {
        uint32_t want = i ? FS_FS_UDF : FS_FS_JOLIET;
        unsigned files = 0;
        fs_tree *t2;
        if (!(fs & want)) continue;
        d = ti_open(disc);
        CHECK(d != NULL);
        if (!d) continue;
        t2 = fs_tree_new();
        CHECK_EQ_INT(fs_read_import(d, 0, want, t2, NULL, &info), 0);
        snprintf(out, sizeof(out), "%s/ours", tmp);
        sh("rm -rf '%s'", out, NULL, NULL);
        CHECK_EQ_INT(ti_export(fs_tree_root(t2), out, &files), 0);
        CHECK_EQ_INT(sh("diff -r '%s' '%s'", exp, out, NULL), 0);
        fs_tree_free(t2);
        fs_disc_release(d);
    }
    /* xorriso (Joliet tree) and isoinfo from block 16, no session address given. */
    if (fs & FS_FS_ISO9660)
    {
        snprintf(out, sizeof(out), "%s/xorriso_out", tmp);
        snprintf(cmd, sizeof(cmd), "chmod -R u+w '%s' 2>/dev/null; rm -rf '%s' && LC_ALL=C.UTF-8 xorriso -osirrox on -joliet on "
                 "-indev '%s' -extract / '%s' >/dev/null 2>&1 && diff -r '%s' '%s'", out, out, disc, out, exp, out);
        CHECK_EQ_INT(sh("%s", cmd, NULL, NULL), 0);
        snprintf(cmd, sizeof(cmd), "isoinfo -J -i '%s' -x '/sub/big.bin;1' | cmp - '%s/sub/big.bin' && "
                 "isoinfo -J -i '%s' -x '/session2.txt;1' | cmp - '%s/session2.txt'", disc, exp, disc, exp);
        CHECK_EQ_INT(sh("%s", cmd, NULL, NULL), 0);
        {
            char res[8192];
            CHECK_EQ_INT(tu_run(res, sizeof(res), "isoinfo -J -f -i '%s'", disc), 0);
            CHECK(strstr(res, "/session2.txt") != NULL);
            CHECK(strstr(res, "/remove.txt") == NULL);
        }
    }
    if (fs & FS_FS_UDF)
    {
        snprintf(out, sizeof(out), "%s/7z_out", tmp);
        snprintf(cmd, sizeof(cmd), "rm -rf '%s' && 7z x -y -tudf -o'%s' '%s' >/dev/null && diff -r '%s' '%s'", out, out, disc,
                 exp, out);
        CHECK_EQ_INT(sh("%s", cmd, NULL, NULL), 0);
        snprintf(cmd, sizeof(cmd), "'%s' '%s' | grep -c '^F '", reader, disc);
        {
            char res[4096];
            CHECK_EQ_INT(tu_run(res, sizeof(res), "%s", cmd), 0);
            CHECK_EQ_INT(atoi(res), 27);    /* 26 of session 1 - 1 removed + 2 new */
        }
    }
}

int main(void)
{
    const char *s = tu_scratch("fs_random_write");
    snprintf(tmp, sizeof(tmp), "%s", s);
    snprintf(reader, sizeof(reader), "%s", getenv("UDFREAD_LIST") ? getenv("UDFREAD_LIST") : "./udfread_list");
    make_sources();
    test_grow(FS_FS_ISO9660 | FS_FS_JOLIET | FS_FS_UDF, FS_FS_UDF, "bridge_udf");
    test_grow(FS_FS_ISO9660 | FS_FS_JOLIET | FS_FS_UDF, FS_FS_JOLIET, "bridge_joliet");
    test_grow(FS_FS_ISO9660 | FS_FS_JOLIET, FS_FS_JOLIET, "joliet");
    test_grow(FS_FS_UDF, FS_FS_UDF, "udf_only");
    return check_finish("test_fs_random_write");
}
