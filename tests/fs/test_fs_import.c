/* Import of earlier sessions (fs_read.h), judged by independent tools:
 *  - sessions written by genisoimage (-C/-M) and by xorriso (-dev on a file, two
 *    commits) are imported (Joliet and ISO9660) and every file, read back through
 *    its imported source, equals its source file (diff -r);
 *  - our own first session is imported, files are removed, replaced and added, and a
 *    second session is laid out at the next writable block: it places no block for
 *    the files it keeps (they stay at their old addresses), xorriso and isoinfo read
 *    the last session's tree with old and new files equal to their sources, and our
 *    reader imports that session back the same;
 *  - an imported file split into two sections is written as a multi-extent file
 *    (ECMA-119 6.5.1) that xorriso extracts whole and our reader gathers back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "fs_test_util.h"
#include "fs_import_util.h"
#include "imapi2fserror.h"

static char tmp[1024];

static int sh(const char *fmt, const char *a, const char *b, const char *c)
{
    char cmd[8192], out[4096];
    int rc;
    snprintf(cmd, sizeof(cmd), fmt, a, b, c);
    rc = tu_run(out, sizeof(out), "%s", cmd);
    if (rc) fprintf(stderr, "command failed (%d): %s\n%s\n", rc, cmd, out);
    return rc;
}

static uint32_t file_blocks(const char *path)
{
    FILE *f = fopen(path, "rb");
    long n;
    if (!f) return 0;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fclose(f);
    return (uint32_t)(n / 2048);
}

static void make_sources(void)
{
    char p[2048];
    snprintf(p, sizeof(p), "%s/src1", tmp);
    CHECK_EQ_INT(sh("rm -rf '%s' && mkdir -p '%s/sub/deeper' '%s/docs'", p, p, p), 0);
    snprintf(p, sizeof(p), "%s/src1/a.txt", tmp); tu_write_file(p, "hello\n", 6, 0);
    snprintf(p, sizeof(p), "%s/src1/sub/big.bin", tmp); tu_write_file(p, NULL, 300000, 3);
    snprintf(p, sizeof(p), "%s/src1/sub/deeper/Long Name With Spaces.text", tmp); tu_write_file(p, NULL, 4097, 5);
    snprintf(p, sizeof(p), "%s/src1/empty", tmp); tu_write_file(p, "", 0, 0);
    snprintf(p, sizeof(p), "%s/src1/\xc3\x9c" "n\xc3\xaf" "code \xc3\xb1" "ame.txt", tmp); tu_write_file(p, NULL, 2048, 7);
    snprintf(p, sizeof(p), "%s/src1/docs/readme.md", tmp); tu_write_file(p, "# old\n", 6, 0);
    snprintf(p, sizeof(p), "%s/src1/replace.txt", tmp); tu_write_file(p, "version 1\n", 10, 0);
    snprintf(p, sizeof(p), "%s/src1/remove.txt", tmp); tu_write_file(p, "gone\n", 5, 0);
    snprintf(p, sizeof(p), "%s/src2", tmp);
    CHECK_EQ_INT(sh("rm -rf '%s' && mkdir -p '%s/docs'", p, p, NULL), 0);
    snprintf(p, sizeof(p), "%s/src2/session2.txt", tmp); tu_write_file(p, NULL, 5000, 9);
    snprintf(p, sizeof(p), "%s/src2/docs/new.txt", tmp); tu_write_file(p, "new\n", 4, 0);
    snprintf(p, sizeof(p), "%s/src2/replace.txt", tmp); tu_write_file(p, "version 2, longer\n", 18, 0);
    /* What the other tools' second sessions hold: both folders, src2 over src1. */
    snprintf(p, sizeof(p), "%s/union", tmp);
    {
        char cmd[4096];
        snprintf(cmd, sizeof(cmd), "rm -rf '%s' && cp -r '%s/src1' '%s' && cp -r '%s/src2/.' '%s/'", p, tmp, p, tmp, p);
        CHECK_EQ_INT(sh("%s", cmd, NULL, NULL), 0);
    }
}

/* Import fs of the session at start from image into a new tree, export it to dir and
 * compare with expect (diff -r). Returns the tree (caller frees) or NULL. */
static fs_tree *import_and_compare(const char *image, uint32_t start, uint32_t fs, const char *dir, const char *expect,
                                   fs_import_info *info)
{
    fs_disc *d = ti_open(image);
    fs_tree *t = fs_tree_new();
    unsigned files = 0;
    int32_t hr;
    CHECK(d != NULL);
    if (!d) return t;
    hr = fs_read_import(d, start, fs, t, NULL, info);
    CHECK_EQ_INT(hr, 0);
    fs_disc_release(d);      /* the imported sources keep the disc */
    sh("rm -rf '%s'", dir, NULL, NULL);
    CHECK_EQ_INT(ti_export(fs_tree_root(t), dir, &files), 0);
    CHECK_EQ_INT(files, info->files);
    if (expect) CHECK_EQ_INT(sh("diff -r '%s' '%s'", expect, dir, NULL), 0);
    return t;
}

static void test_genisoimage(void)
{
    char g1[1200], g2[1200], disc[1200], nwa[32], out[1200], exp[1200], s1[1200], s2[1200];
    fs_import_info info;
    uint32_t fs = 0, blocks;
    fs_disc *d;
    snprintf(g1, sizeof(g1), "%s/g1.iso", tmp);
    snprintf(g2, sizeof(g2), "%s/g2.part", tmp);
    snprintf(disc, sizeof(disc), "%s/g.iso", tmp);
    snprintf(s1, sizeof(s1), "%s/src1", tmp);
    snprintf(s2, sizeof(s2), "%s/src2", tmp);
    CHECK_EQ_INT(sh("genisoimage -quiet -R -J -V FIRST -o '%s' '%s'%s", g1, s1, ""), 0);
    blocks = file_blocks(g1);
    snprintf(nwa, sizeof(nwa), "0,%u", (unsigned)blocks);
    {
        char cmd[4096];
        snprintf(cmd, sizeof(cmd), "genisoimage -quiet -R -J -V SECOND -C %s -M '%s' -o '%s' '%s' && cat '%s' '%s' > '%s'",
                 nwa, g1, g2, s2, g1, g2, disc);
        CHECK_EQ_INT(sh("%s", cmd, NULL, NULL), 0);
    }
    d = ti_open(disc);
    CHECK(d != NULL);
    if (!d) return;
    CHECK_EQ_INT(fs_read_identify(d, blocks, &fs), 0);
    CHECK_EQ_INT(fs, FS_FS_ISO9660 | FS_FS_JOLIET);
    CHECK_EQ_INT(fs_read_identify(d, 0, &fs), 0);
    CHECK_EQ_INT(fs, FS_FS_ISO9660 | FS_FS_JOLIET);
    fs_disc_release(d);
    /* The first session alone: src1. */
    snprintf(out, sizeof(out), "%s/g_out1", tmp);
    fs_tree_free(import_and_compare(disc, 0, FS_FS_JOLIET, out, s1, &info));
    CHECK_EQ_INT(info.files, 8);
    CHECK_EQ_INT(info.volume_name_len, 5);
    CHECK(info.volume_name[0] == 'F');
    /* The second (last) session: both folders, by its Joliet and its ISO9660 tree. */
    snprintf(out, sizeof(out), "%s/g_out2", tmp);
    snprintf(exp, sizeof(exp), "%s/union", tmp);
    fs_tree_free(import_and_compare(disc, blocks, FS_FS_JOLIET, out, exp, &info));
    CHECK_EQ_INT(info.files, 10);
    CHECK(info.volume_name[0] == 'S');
    fs_tree_free(import_and_compare(disc, blocks, FS_FS_ISO9660, out, NULL, &info));
    CHECK_EQ_INT(info.files, 10);
    CHECK_EQ_INT(info.dirs, 3);
}

static uint32_t last_session_xorriso(const char *image)
{
    char out[8192], *p, *last = NULL;
    unsigned start = 0;
    if (tu_run(out, sizeof(out), "xorriso -rom_toc_scan emul_wide -indev '%s' -toc 2>/dev/null", image)) return 0;
    for (p = out; (p = strstr(p, "ISO session")); p++) last = p;
    if (last && sscanf(strchr(last, ':') + 1, " %*u , %u", &start) != 1) start = 0;
    return start;
}

static void test_xorriso(void)
{
    char x[1200], out[1200], exp[1200], s1[1200], s2[1200];
    fs_import_info info;
    uint32_t start;
    snprintf(x, sizeof(x), "%s/x.iso", tmp);
    snprintf(s1, sizeof(s1), "%s/src1", tmp);
    snprintf(s2, sizeof(s2), "%s/src2", tmp);
    sh("rm -f '%s'", x, NULL, NULL);
    CHECK_EQ_INT(sh("xorriso -abort_on FAILURE -dev '%s' -joliet on -map '%s' / -commit 2>&1", x, s1, NULL), 0);
    CHECK_EQ_INT(sh("xorriso -abort_on FAILURE -dev '%s' -joliet on -map '%s' / -commit 2>&1", x, s2, NULL), 0);
    start = last_session_xorriso(x);
    CHECK(start > 0);
    snprintf(out, sizeof(out), "%s/x_out", tmp);
    snprintf(exp, sizeof(exp), "%s/union", tmp);
    fs_tree_free(import_and_compare(x, start, FS_FS_JOLIET, out, exp, &info));
    CHECK_EQ_INT(info.files, 10);
}

/* Our own two sessions with remove / replace / add between them. */
static void test_own_sessions(void)
{
    char s1[1200], iso1[1200], part2[1200], disc[1200], out[1200], exp[1200], p[2048];
    fs_tree *t = fs_tree_new(), *t2;
    fs_layout_options o;
    fs_layout *L;
    fs_import_info info;
    fs_item *it;
    fs_data_source src;
    uint32_t nwa, i;
    fs_disc *d;

    snprintf(s1, sizeof(s1), "%s/src1", tmp);
    snprintf(iso1, sizeof(iso1), "%s/own1.iso", tmp);
    snprintf(part2, sizeof(part2), "%s/own2.part", tmp);
    snprintf(disc, sizeof(disc), "%s/own.iso", tmp);
    CHECK_EQ_INT(tu_add_disk_tree(t, fs_tree_root(t), s1), 0);
    fs_layout_options_default(&o);
    o.max_blocks = 0;
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), 0);
    fs_tree_free(t);
    CHECK_EQ_INT(tu_write_image(L, iso1), 0);
    fs_layout_release(L);

    /* Session 2: import session 1, then change it. */
    d = ti_open(iso1);
    CHECK(d != NULL);
    if (!d) return;
    nwa = fs_disc_blocks(d);
    t = fs_tree_new();
    CHECK_EQ_INT(fs_read_import(d, 0, FS_FS_JOLIET, t, NULL, &info), 0);
    CHECK_EQ_INT(info.files, 8);
    CHECK_EQ_INT(info.dirs, 3);
    CHECK_EQ_INT(info.total_dirs, 4);        /* the path table counts the root */
    /* Importing again: every name exists, nothing changes (in-memory items win). */
    CHECK_EQ_INT(fs_read_import(d, 0, FS_FS_JOLIET, t, NULL, &info), 0);
    CHECK_EQ_INT(info.files, 0);
    CHECK_EQ_INT(fs_tree_file_count(t), 8);
    /* Imported data takes no new blocks. */
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
    o.session_start = nwa;
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), 0);
    /* Only the new files get data blocks; big.bin (147 blocks) is not copied. */
    CHECK_EQ_INT(fs_layout_file_count(L), 4);     /* and the empty file, which has no block either */
    CHECK(fs_layout_total_blocks(L) < 60);
    for (i = 0; i < fs_layout_file_count(L); i++)
    {
        uint32_t first, n;
        fs_layout_file_extent(L, i, &first, &n);
        CHECK(first + nwa >= nwa + 18);
    }
    CHECK_EQ_INT(tu_write_image(L, part2), 0);
    fs_layout_release(L);
    fs_tree_free(t);
    CHECK_EQ_INT(sh("cat '%s' '%s' > '%s'", iso1, part2, disc), 0);

    /* Expected tree of session 2. */
    snprintf(exp, sizeof(exp), "%s/own_expect", tmp);
    CHECK_EQ_INT(sh("rm -rf '%s' && cp -r '%s' '%s'", exp, s1, exp), 0);
    snprintf(p, sizeof(p), "%s/remove.txt", exp);
    remove(p);
    CHECK_EQ_INT(sh("cp -r %s/src2/. '%s/'", tmp, exp, NULL), 0);

    /* xorriso reads the session at nwa (Joliet names) and extracts it. */
    snprintf(out, sizeof(out), "%s/own_xorriso", tmp);
    {
        char cmd[4096], lba[32];
        snprintf(lba, sizeof(lba), "%u", (unsigned)nwa);
        snprintf(cmd, sizeof(cmd), "rm -rf '%s' && xorriso -abort_on FAILURE -load sbsector %s -indev '%s' "
                 "-osirrox on -extract / '%s' 2>&1 && chmod -R u+w '%s'", out, lba, disc, out, out);
        CHECK_EQ_INT(sh("%s", cmd, NULL, NULL), 0);
    }
    CHECK_EQ_INT(sh("diff -r '%s' '%s'", exp, out, NULL), 0);
    /* isoinfo, the Joliet tree of the session at nwa: big.bin by its old extent. */
    {
        char cmd[4096], lba[32];
        snprintf(lba, sizeof(lba), "%u", (unsigned)nwa);
        snprintf(cmd, sizeof(cmd), "isoinfo -J -T %s -i '%s' -x '/sub/big.bin;1' | cmp - '%s/sub/big.bin'", lba, disc, s1);
        CHECK_EQ_INT(sh("%s", cmd, NULL, NULL), 0);
        snprintf(cmd, sizeof(cmd), "isoinfo -J -T %s -i '%s' -x '/replace.txt;1' | cmp - '%s/src2/replace.txt'", lba, disc, tmp);
        CHECK_EQ_INT(sh("%s", cmd, NULL, NULL), 0);
    }
    /* And our reader imports session 2 back. */
    snprintf(out, sizeof(out), "%s/own_out2", tmp);
    t2 = import_and_compare(disc, nwa, FS_FS_JOLIET, out, exp, &info);
    CHECK_EQ_INT(info.files, 9);
    fs_tree_free(t2);
}

/* A file source with two sections inside big.bin of the first session. */
struct split_src { fs_extent ext[2]; const char *disc; };
static const fs_extent *split_extents(void *ctx, uint32_t *count) { *count = 2; return ((struct split_src *)ctx)->ext; }

static void test_multi_extent(void)
{
    char iso1[1200], part2[1200], disc[1200], out[1200], s1[1200];
    fs_tree *t = fs_tree_new();
    fs_layout_options o;
    fs_layout *L;
    fs_import_info info;
    fs_item *it;
    fs_disc *d;
    uint32_t count = 0, nwa;
    const fs_data_source *old;
    const fs_extent *e;
    struct split_src split;
    fs_data_source src;

    snprintf(iso1, sizeof(iso1), "%s/own1.iso", tmp);
    snprintf(part2, sizeof(part2), "%s/me2.part", tmp);
    snprintf(disc, sizeof(disc), "%s/me.iso", tmp);
    snprintf(s1, sizeof(s1), "%s/src1/sub/big.bin", tmp);
    d = ti_open(iso1);
    CHECK(d != NULL);
    if (!d) return;
    nwa = fs_disc_blocks(d);
    CHECK_EQ_INT(fs_read_import(d, 0, FS_FS_JOLIET, t, NULL, &info), 0);
    fs_disc_release(d);
    CHECK_EQ_INT(tu_lookup(t, "/sub/big.bin", &it), 0);
    old = fs_file_source(it);
    CHECK(old->extents != NULL);
    e = old->extents(old->ctx, &count);
    CHECK_EQ_INT(count, 1);
    CHECK_EQ_INT(e[0].bytes, 300000);
    split.ext[0].lba = e[0].lba;
    split.ext[0].bytes = 50 * 2048;
    split.ext[1].lba = e[0].lba + 50;
    split.ext[1].bytes = 300000 - 50 * 2048;
    memset(&src, 0, sizeof(src));
    src.size = 300000;
    src.ctx = &split;
    src.extents = split_extents;
    CHECK_EQ_INT(tu_add_file(t, "/split.bin", &src), 0);
    fs_layout_options_default(&o);
    o.max_blocks = 0;
    o.session_start = nwa;
    CHECK_EQ_INT(fs_layout_build(t, &o, &L), 0);
    CHECK_EQ_INT(fs_layout_file_count(L), 1);     /* the empty file only */
    CHECK_EQ_INT(tu_write_image(L, part2), 0);
    fs_layout_release(L);
    fs_tree_free(t);
    CHECK_EQ_INT(sh("cat '%s' '%s' > '%s'", iso1, part2, disc), 0);
    {
        char cmd[4096];
        snprintf(out, sizeof(out), "%s/me_split.bin", tmp);
        snprintf(cmd, sizeof(cmd), "rm -f '%s' && xorriso -abort_on FAILURE -load sbsector %u -indev '%s' "
                 "-osirrox on -extract /split.bin '%s' 2>&1 && cmp '%s' '%s'", out, (unsigned)nwa, disc, out, out, s1);
        CHECK_EQ_INT(sh("%s", cmd, NULL, NULL), 0);
        /* Two directory records (isoinfo lists each section). */
        CHECK_EQ_INT(tu_run(cmd, sizeof(cmd), "isoinfo -l -T %u -i '%s' | grep -c 'SPLIT.BIN'", (unsigned)nwa, disc), 0);
        CHECK_EQ_INT(atoi(cmd), 2);
    }
    /* Our reader gathers both sections into one file. */
    d = ti_open(disc);
    t = fs_tree_new();
    CHECK_EQ_INT(fs_read_import(d, nwa, FS_FS_ISO9660, t, NULL, &info), 0);
    fs_disc_release(d);
    CHECK_EQ_INT(tu_lookup(t, "/SPLIT.BIN", &it), 0);
    CHECK_EQ_INT(fs_file_size(it), 300000);
    old = fs_file_source(it);
    e = old->extents(old->ctx, &count);
    CHECK_EQ_INT(count, 2);
    CHECK_EQ_INT(e[1].lba, split.ext[1].lba);
    {
        unsigned files = 0;
        snprintf(out, sizeof(out), "%s/me_out", tmp);
        sh("rm -rf '%s'", out, NULL, NULL);
        CHECK_EQ_INT(ti_export(fs_tree_root(t), out, &files), 0);
        CHECK_EQ_INT(sh("cmp '%s/SPLIT.BIN' '%s'", out, s1, NULL), 0);
    }
    fs_tree_free(t);
}

/* Errors: no file system, a session start past the media, a clash of kinds. */
static void test_errors(void)
{
    char iso1[1200], p[1200];
    fs_disc *d;
    fs_tree *t = fs_tree_new();
    fs_import_info info;
    fs_data_source src;
    uint32_t fs = 7;
    snprintf(iso1, sizeof(iso1), "%s/own1.iso", tmp);
    d = ti_open(iso1);
    CHECK(d != NULL);
    if (!d) return;
    CHECK_EQ_INT(fs_read_identify(d, 5, &fs), 0);
    CHECK_EQ_INT(fs, 0);
    CHECK_EQ_INT(fs_read_import(d, 5, FS_FS_ISO9660, t, NULL, &info), IMAPI_E_FILE_SYSTEM_NOT_FOUND);
    CHECK_EQ_INT(fs_read_import(d, 0xfffffff0u, FS_FS_JOLIET, t, NULL, &info), IMAPI_E_FILE_SYSTEM_NOT_FOUND);
    CHECK_EQ_INT(fs_read_import(d, 0, FS_FS_UDF, t, NULL, &info), IMAPI_E_FILE_SYSTEM_NOT_FOUND);   /* no UDF in this image */
    CHECK_EQ_INT(fs_read_identify(d, 0, &fs), 0);
    CHECK_EQ_INT(fs, FS_FS_ISO9660 | FS_FS_JOLIET);
    /* "docs" is a directory on the disc, a file in memory: nothing imported. */
    snprintf(p, sizeof(p), "%s/src2/replace.txt", tmp);
    CHECK_EQ_INT(tu_file_source(p, &src), 0);
    CHECK_EQ_INT(tu_add_file(t, "/docs", &src), 0);
    CHECK_EQ_INT(fs_read_import(d, 0, FS_FS_JOLIET, t, NULL, &info), IMAPI_E_IMPORT_TYPE_COLLISION_DIRECTORY_EXISTS_AS_FILE);
    CHECK_EQ_INT(fs_tree_file_count(t), 1);
    CHECK_EQ_INT(fs_tree_change_point(t), 1);
    fs_disc_release(d);
    fs_tree_free(t);
}

int main(void)
{
    const char *base = getenv("IMAPI_TEST_TMP");
    snprintf(tmp, sizeof(tmp), "%s/fs_import", base ? base : "/tmp");
    sh("rm -rf '%s' && mkdir -p '%s'", tmp, tmp, NULL);
    if (!tu_have("xorriso") || !tu_have("genisoimage") || !tu_have("isoinfo"))
    {
        fprintf(stderr, "xorriso, genisoimage and isoinfo are needed (tools/install-deps.sh)\n");
        return EXIT_FAILURE;
    }
    make_sources();
    test_genisoimage();
    test_xorriso();
    test_own_sessions();
    test_multi_extent();
    test_errors();
    return check_finish("test_fs_import");
}
