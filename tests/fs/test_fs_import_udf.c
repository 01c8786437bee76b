/* The UDF reader (core/fs/fs_read_udf.c):
 *  - images of our writer at every revision (1.02, 1.50, 2.00, 2.01, 2.50 with and
 *    without redundant metadata, 2.60), UDF alone and bridged with ISO9660 + Joliet,
 *    and genisoimage -udf (1.02 bridge, another implementation): every file read back
 *    through its imported source equals its source (diff -r), counts and volume name;
 *  - empty volumes made by mkudffs (udftools) at 1.02 .. 2.60, strategy 4096, a
 *    sparable partition (CD-RW) and a 2.50 metadata partition: the root imports with
 *    the label as volume name;
 *  - damage the standard provides for: a broken main volume descriptor sequence (the
 *    reserve is read), a broken metadata file entry (the mirror is read);
 *  - two sessions: session 1 (ISO9660 + Joliet + UDF) imported by its UDF tree, files
 *    removed, replaced and added, session 2 written as a bridge at the next writable
 *    block: it places no block for the kept files, and its UDF tree (our reader, 7z
 *    -tudf) and its Joliet tree (isoinfo, our reader) hold old and new files equal to
 *    their sources. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "fs_test_util.h"
#include "fs_import_util.h"
#include "fs/fs_udf_desc.h"
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
    snprintf(p, sizeof(p), "%s/src1/many", tmp);
    CHECK_EQ_INT(sh("mkdir -p '%s'", p, NULL, NULL), 0);
    snprintf(p, sizeof(p), "%s/src1/a.txt", tmp); tu_write_file(p, "hello\n", 6, 0);
    snprintf(p, sizeof(p), "%s/src1/sub/big.bin", tmp); tu_write_file(p, NULL, 300000, 3);
    snprintf(p, sizeof(p), "%s/src1/sub/deeper/Long Name With Spaces.text", tmp); tu_write_file(p, NULL, 4097, 5);
    snprintf(p, sizeof(p), "%s/src1/empty", tmp); tu_write_file(p, "", 0, 0);
    snprintf(p, sizeof(p), "%s/src1/\xc3\x9c" "n\xc3\xaf" "code \xc3\xb1" "ame.txt", tmp); tu_write_file(p, NULL, 2048, 7);
    snprintf(p, sizeof(p), "%s/src1/\xce\xb1\xce\xb2\xce\xb3 16-bit.txt", tmp); tu_write_file(p, NULL, 100, 8);
    snprintf(p, sizeof(p), "%s/src1/docs/readme.md", tmp); tu_write_file(p, "# old\n", 6, 0);
    snprintf(p, sizeof(p), "%s/src1/replace.txt", tmp); tu_write_file(p, "version 1\n", 10, 0);
    snprintf(p, sizeof(p), "%s/src1/remove.txt", tmp); tu_write_file(p, "gone\n", 5, 0);
    /* a directory of several blocks of FIDs */
    for (i = 0; i < 60; i++)
    {
        snprintf(p, sizeof(p), "%s/src1/many/file number %03d with a fairly long name.dat", tmp, i);
        tu_write_file(p, NULL, (size_t)(i * 37), i);
    }
    snprintf(p, sizeof(p), "%s/src2", tmp);
    CHECK_EQ_INT(sh("rm -rf '%s' && mkdir -p '%s/docs'", p, p, NULL), 0);
    snprintf(p, sizeof(p), "%s/src2/session2.txt", tmp); tu_write_file(p, NULL, 5000, 9);
    snprintf(p, sizeof(p), "%s/src2/docs/new.txt", tmp); tu_write_file(p, "new\n", 4, 0);
    snprintf(p, sizeof(p), "%s/src2/replace.txt", tmp); tu_write_file(p, "version 2, longer\n", 18, 0);
}

#define SRC1_FILES 69u
#define SRC1_DIRS 4u

static int32_t build(fs_tree *t, uint32_t fs, unsigned rev, int redundant, uint32_t session_start, const char *img,
                     uint32_t *blocks)
{
    fs_layout_options o;
    fs_layout *L;
    int32_t hr;
    static const uint16_t vol[] = { 'U', 'D', 'F', ' ', 'I', 'm', 'p', 'o', 'r', 't' };
    fs_layout_options_default(&o);
    o.file_systems = fs;
    o.udf_revision = rev;
    o.udf_redundant_metadata = redundant;
    o.max_blocks = 0;
    o.session_start = session_start;
    o.creation_time = fs_time_from_unix(1700000000);
    o.volume_name = vol;
    o.volume_name_len = 10;
    if ((hr = fs_layout_build(t, &o, &L))) return hr;
    if (blocks) *blocks = fs_layout_total_blocks(L);
    hr = tu_write_image(L, img);
    fs_layout_release(L);
    return hr;
}

static int32_t build_dir(const char *src, uint32_t fs, unsigned rev, int redundant, const char *img)
{
    fs_tree *t = fs_tree_new();
    int32_t hr = tu_add_disk_tree(t, fs_tree_root(t), src);
    if (!hr) hr = build(t, fs, rev, redundant, 0, img, NULL);
    fs_tree_free(t);
    return hr;
}

/* Import fs of the session at start into a new tree and compare its export with
 * expect; returns the import's result. */
static int32_t import_compare(const char *img, uint32_t start, uint32_t fs, const char *expect, fs_import_info *info)
{
    char out[1200];
    fs_disc *d = ti_open(img);
    fs_tree *t = fs_tree_new();
    unsigned files = 0;
    int32_t hr;
    CHECK(d != NULL);
    if (!d) { fs_tree_free(t); return -1; }
    hr = fs_read_import(d, start, fs, t, NULL, info);
    fs_disc_release(d);
    if (!hr && expect)
    {
        snprintf(out, sizeof(out), "%s/out", tmp);
        sh("rm -rf '%s'", out, NULL, NULL);
        CHECK_EQ_INT(ti_export(fs_tree_root(t), out, &files), 0);
        CHECK_EQ_INT(files, info->files);
        CHECK_EQ_INT(sh("diff -r '%s' '%s'", expect, out, NULL), 0);
    }
    fs_tree_free(t);
    return hr;
}

static void test_own_revisions(void)
{
    static const struct { unsigned rev; int redundant; } cases[] = {
        { 0x102, 0 }, { 0x150, 0 }, { 0x200, 0 }, { 0x201, 0 }, { 0x250, 0 }, { 0x250, 1 }, { 0x260, 0 }, { 0x260, 1 }
    };
    char src[1200], img[1200];
    size_t i;
    int bridge;
    snprintf(src, sizeof(src), "%s/src1", tmp);
    snprintf(img, sizeof(img), "%s/own.udf", tmp);
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        for (bridge = 0; bridge < 2; bridge++)
        {
            uint32_t fs = bridge ? FS_FS_ISO9660 | FS_FS_JOLIET | FS_FS_UDF : FS_FS_UDF, found = 0;
            fs_import_info info;
            fs_disc *d;
            fprintf(stderr, "own UDF %x%s%s\n", cases[i].rev, cases[i].redundant ? " redundant" : "",
                    bridge ? " bridge" : "");
            CHECK_EQ_INT(build_dir(src, fs, cases[i].rev, cases[i].redundant, img), 0);
            d = ti_open(img);
            CHECK(d != NULL);
            if (!d) continue;
            CHECK_EQ_INT(fs_read_identify(d, 0, &found), 0);
            CHECK_EQ_INT(found, fs);
            fs_disc_release(d);
            CHECK_EQ_INT(import_compare(img, 0, FS_FS_UDF, src, &info), 0);
            CHECK_EQ_INT(info.files, SRC1_FILES);
            CHECK_EQ_INT(info.dirs, SRC1_DIRS);
            CHECK_EQ_INT(info.total_dirs, SRC1_DIRS + 1);   /* the LVID counts the root */
            CHECK_EQ_INT(info.udf_revision, cases[i].rev);
            CHECK_EQ_INT(info.volume_name_len, 10);
            CHECK(info.volume_name[0] == 'U' && info.volume_name[9] == 't');
        }
}

/* genisoimage's own UDF 1.02 (bridged with ISO9660 + Joliet + Rock Ridge). */
static void test_genisoimage(void)
{
    char src[1200], img[1200];
    fs_import_info info;
    snprintf(src, sizeof(src), "%s/src1", tmp);
    snprintf(img, sizeof(img), "%s/g.iso", tmp);
    CHECK_EQ_INT(sh("genisoimage -quiet -input-charset utf-8 -udf -J -R -V GENUDF -o '%s' '%s'%s", img, src, ""), 0);
    CHECK_EQ_INT(import_compare(img, 0, FS_FS_UDF, src, &info), 0);
    CHECK_EQ_INT(info.files, SRC1_FILES);
    CHECK_EQ_INT(info.dirs, SRC1_DIRS);
    CHECK_EQ_INT(info.volume_name_len, 6);
    CHECK(info.volume_name[0] == 'G');
}

/* Empty volumes of mkudffs: the root (embedded in its file entry by default) imports.
 * files: what udfinfo counts (1.50 on CD-RW records its Non-Allocatable Space list
 * as a file in the root, UDF 1.50 2.2.11). */
static void test_mkudffs(void)
{
    static const struct { const char *opts; unsigned files; } cases[] = {
        { "--udfrev=1.02", 0 }, { "--udfrev=1.50", 0 }, { "--udfrev=2.00", 0 }, { "--udfrev=2.01", 0 },
        { "--udfrev=2.01 --strategy=4096", 0 }, { "--udfrev=2.01 --ad=short", 0 }, { "--udfrev=2.01 --ad=long", 0 },
        { "--udfrev=2.01 --noefe", 0 }, { "--media-type=cdrw --udfrev=1.50", 1 }, { "--media-type=cdrw --udfrev=2.01", 0 },
        { "--media-type=dvdrw --udfrev=2.01", 0 }, { "--media-type=dvdram --udfrev=2.01", 0 }
    };
    /* Virtual partitions (VAT, write-once media): not read, documentedly. */
    static const char *const vat[] = { "--media-type=cdr --udfrev=2.01", "--media-type=bdr --udfrev=2.50" };
    char img[1200], cmd[2048];
    size_t i;
    snprintf(img, sizeof(img), "%s/mk.udf", tmp);
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
    {
        fs_import_info info;
        int32_t hr;
        snprintf(cmd, sizeof(cmd), "rm -f '%s' && mkudffs -b 2048 %s --label=MKUDF --new-file '%s' 20000", img,
                 cases[i].opts, img);
        if (sh("%s", cmd, NULL, NULL))
        {
            CHECK(!"mkudffs failed");
            continue;
        }
        hr = import_compare(img, 0, FS_FS_UDF, NULL, &info);
        fprintf(stderr, "mkudffs %s: %#x\n", cases[i].opts, (unsigned)hr);
        CHECK_EQ_INT(hr, 0);
        CHECK_EQ_INT(info.files, cases[i].files);
        CHECK_EQ_INT(info.dirs, 0);
        CHECK_EQ_INT(info.volume_name_len, 5);
        CHECK(info.volume_name[0] == 'M' && info.volume_name[4] == 'F');
    }
    for (i = 0; i < sizeof(vat) / sizeof(vat[0]); i++)
    {
        fs_import_info info;
        snprintf(cmd, sizeof(cmd), "rm -f '%s' && mkudffs -b 2048 %s --new-file '%s' 20000", img, vat[i], img);
        CHECK_EQ_INT(sh("%s", cmd, NULL, NULL), 0);
        CHECK_EQ_INT(import_compare(img, 0, FS_FS_UDF, NULL, &info), IMAPI_E_FILE_SYSTEM_FEATURE_NOT_SUPPORTED);
    }
}

static void spit(const char *path, const uint8_t *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f) return;
    CHECK(fwrite(buf, 1, len, f) == len);
    fclose(f);
}

/* The fallbacks: main VDS damaged (reserve read), metadata file damaged (mirror). */
static void test_fallbacks(void)
{
    char src[1200], img[1200];
    uint8_t *buf, *avdp, *pd = NULL, *lvd = NULL;
    size_t len;
    uint32_t vds, k;
    fs_import_info info;
    snprintf(src, sizeof(src), "%s/src1", tmp);
    snprintf(img, sizeof(img), "%s/fb.udf", tmp);
    CHECK_EQ_INT(build_dir(src, FS_FS_UDF, 0x250, 1, img), 0);
    if (!(buf = tu_slurp(img, &len))) { CHECK(!"image"); return; }
    avdp = buf + 256 * 2048;
    vds = get_le32(avdp + FS_UDF_AVDP_MAIN_VDS + 4);
    for (k = 0; k < 16; k++)
    {
        uint8_t *b = buf + (size_t)(vds + k) * 2048;
        if (get_le16(b) == FS_UDF_TAG_PD) pd = b;
        if (get_le16(b) == FS_UDF_TAG_LVD) lvd = b;
    }
    CHECK(pd && lvd);
    if (!pd || !lvd) { free(buf); return; }
    {
        /* The metadata file's entry: physical partition block (the map's) */
        uint32_t start = get_le32(pd + FS_UDF_PD_START);
        uint32_t meta = get_le32(lvd + FS_UDF_LVD_MAPS + FS_UDF_PMAP1_SIZE + FS_UDF_PMAP_META_FILE);
        uint8_t *fe = buf + (size_t)(start + meta) * 2048;
        CHECK_EQ_INT(get_le16(fe), FS_UDF_TAG_EFE);
        fe[200] ^= 0x55;                          /* its CRC fails now */
        spit(img, buf, len);
        CHECK_EQ_INT(import_compare(img, 0, FS_FS_UDF, src, &info), 0);
        CHECK_EQ_INT(info.files, SRC1_FILES);
        /* Both copies gone: a consistency error. */
        fe[2048 + 200] ^= 0x55;
        spit(img, buf, len);
        CHECK_EQ_INT(import_compare(img, 0, FS_FS_UDF, NULL, &info), IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR);
        fe[200] ^= 0x55;
        fe[2048 + 200] ^= 0x55;
    }
    /* The main sequence's LVD damaged: the reserve sequence is read. */
    lvd[100] ^= 1;
    spit(img, buf, len);
    CHECK_EQ_INT(import_compare(img, 0, FS_FS_UDF, src, &info), 0);
    CHECK_EQ_INT(info.files, SRC1_FILES);
    /* The anchor at 256 damaged: the one in the last block is read. */
    avdp[20] ^= 1;
    spit(img, buf, len);
    CHECK_EQ_INT(import_compare(img, 0, FS_FS_UDF, src, &info), 0);
    free(buf);
}

/* Session 2 (a bridge) over session 1 imported by its UDF tree. */
static void test_two_sessions(unsigned rev)
{
    char s1[1200], iso1[1200], part2[1200], disc[1200], exp[1200], p[2048], cmd[4096];
    fs_tree *t = fs_tree_new();
    fs_import_info info;
    fs_item *it;
    fs_data_source src;
    uint32_t nwa, blocks2 = 0, found = 0, bridge = FS_FS_ISO9660 | FS_FS_JOLIET | FS_FS_UDF;
    fs_disc *d;

    fprintf(stderr, "two sessions, UDF %x\n", rev);
    snprintf(s1, sizeof(s1), "%s/src1", tmp);
    snprintf(iso1, sizeof(iso1), "%s/s1.iso", tmp);
    snprintf(part2, sizeof(part2), "%s/s2.part", tmp);
    snprintf(disc, sizeof(disc), "%s/two.iso", tmp);
    CHECK_EQ_INT(build_dir(s1, bridge, rev, 1, iso1), 0);
    d = ti_open(iso1);
    CHECK(d != NULL);
    if (!d) { fs_tree_free(t); return; }
    nwa = fs_disc_blocks(d);
    CHECK_EQ_INT(fs_read_import(d, 0, FS_FS_UDF, t, NULL, &info), 0);
    CHECK_EQ_INT(info.files, SRC1_FILES);
    CHECK_EQ_INT(fs_tree_data_blocks(t), 0);     /* references, no new data */
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
    CHECK_EQ_INT(build(t, bridge, rev, 1, nwa, part2, &blocks2), 0);
    fs_tree_free(t);
    /* big.bin (147 blocks) and the rest of session 1 are not copied. */
    CHECK(blocks2 < 1000);
    CHECK_EQ_INT(sh("cat '%s' '%s' > '%s'", iso1, part2, disc), 0);

    snprintf(exp, sizeof(exp), "%s/two_expect", tmp);
    CHECK_EQ_INT(sh("rm -rf '%s' && cp -r '%s' '%s'", exp, s1, exp), 0);
    snprintf(p, sizeof(p), "%s/remove.txt", exp);
    remove(p);
    CHECK_EQ_INT(sh("cp -r %s/src2/. '%s/'", tmp, exp, NULL), 0);

    d = ti_open(disc);
    CHECK(d != NULL);
    if (d)
    {
        CHECK_EQ_INT(fs_read_identify(d, nwa, &found), 0);
        CHECK_EQ_INT(found, bridge);
        fs_disc_release(d);
    }
    /* Our reader: the last session's UDF and Joliet trees. */
    CHECK_EQ_INT(import_compare(disc, nwa, FS_FS_UDF, exp, &info), 0);
    CHECK_EQ_INT(info.files, SRC1_FILES + 1);
    CHECK_EQ_INT(import_compare(disc, nwa, FS_FS_JOLIET, exp, &info), 0);
    /* libudfread (another implementation) on the disc as a reader that mounts the last
     * session sees it: session 1's anchor at 256 out of the way, so the anchor in the
     * last block leads to session 2's descriptors. Every file read to its end. */
    {
        char view[1200];
        snprintf(view, sizeof(view), "%s/two_view.iso", tmp);
        snprintf(cmd, sizeof(cmd), "cp '%s' '%s' && dd if=/dev/zero of='%s' bs=2048 seek=256 count=1 conv=notrunc 2>/dev/null",
                 disc, view, view);
        CHECK_EQ_INT(sh("%s", cmd, NULL, NULL), 0);
        snprintf(cmd, sizeof(cmd), "'%s' '%s' | LC_ALL=C sort > '%s/two_got.txt' && python3 -c '%s' '%s' | LC_ALL=C sort | "
                 "diff - '%s/two_got.txt'", reader, view, tmp,
                 "import os,sys\n"
                 "r=sys.argv[1]\n"
                 "print(\"V UDF Import\")\n"
                 "for d,ds,fs in os.walk(r):\n"
                 " for x in ds: print(\"D \"+os.path.join(d,x)[len(r):])\n"
                 " for x in fs:\n"
                 "  b=open(os.path.join(d,x),\"rb\").read(); h=0xcbf29ce484222325\n"
                 "  for c in b: h=((h^c)*0x100000001b3)&0xffffffffffffffff\n"
                 "  print(\"F %s %d %016x\"%(os.path.join(d,x)[len(r):],len(b),h))", exp, tmp);
        CHECK_EQ_INT(sh("%s", cmd, NULL, NULL), 0);
    }
    /* udfinfo (udftools) from the session start: the revision, a closed volume. */
    {
        char lba[32], res[8192];
        snprintf(lba, sizeof(lba), "%u", (unsigned)nwa);
        CHECK_EQ_INT(tu_run(res, sizeof(res), "udfinfo --startblock=%s '%s' 2>&1", lba, disc), 0);
        snprintf(cmd, sizeof(cmd), "udfrev=%x.%02x\n", rev >> 8, rev & 0xff);
        CHECK(strstr(res, cmd) != NULL);
        CHECK(strstr(res, "integrity=closed\n") != NULL);
    }
    /* isoinfo: the Joliet tree of the session at nwa, big.bin by its old extent. */
    {
        char lba[32];
        snprintf(lba, sizeof(lba), "%u", (unsigned)nwa);
        snprintf(cmd, sizeof(cmd), "isoinfo -J -T %s -i '%s' -x '/sub/big.bin;1' | cmp - '%s/sub/big.bin'", lba, disc, s1);
        CHECK_EQ_INT(sh("%s", cmd, NULL, NULL), 0);
    }
}

int main(void)
{
    const char *s = tu_scratch("fs_import_udf");
    snprintf(tmp, sizeof(tmp), "%s", s);
    snprintf(reader, sizeof(reader), "%s", getenv("UDFREAD_LIST") ? getenv("UDFREAD_LIST") : "./udfread_list");
    make_sources();
    test_own_revisions();
    test_genisoimage();
    test_mkudffs();
    test_fallbacks();
    test_two_sessions(0x102);
    test_two_sessions(0x201);
    test_two_sessions(0x250);
    return check_finish("test_fs_import_udf");
}
