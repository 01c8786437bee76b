/* The UDF import reader (fs_read_udf.c), judged against the source folders:
 *  - images written by our UDF writer at every revision (1.02 .. 2.60: type 1 and, from
 *    2.50, metadata partitions), UDF alone and bridged with ISO9660/Joliet: every file
 *    imported as UDF and read back through its imported source equals its source (diff -r);
 *  - genisoimage -udf (UDF 1.02 bridge) the same;
 *  - mkudffs (udftools) file systems at 1.02 and 2.01: recognised and imported (empty);
 *    its 2.50 and 2.60 (BD-R only, with a virtual partition, VAT) are refused with
 *    IMAPI_E_FILE_SYSTEM_FEATURE_NOT_SUPPORTED;
 *  - 2000 mutated copies of a UDF image never crash, never read outside the media and
 *    give only documented results. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "fs_test_util.h"
#include "fs_import_util.h"
#include "fuzz_fs_import_body.h"
#include "imapi2fserror.h"

static char tmp[1024];

static int sh(const char *cmd)
{
    char out[4096];
    int rc = tu_run(out, sizeof(out), "%s", cmd);
    if (rc) fprintf(stderr, "command failed (%d): %s\n%s\n", rc, cmd, out);
    return rc;
}

static void import_compare_hr(const char *image, const char *src, const char *tag, unsigned files, int32_t expect)
{
    fs_disc *d = ti_open(image);
    fs_tree *t = fs_tree_new();
    fs_import_info info;
    uint32_t fs = 0;
    unsigned n = 0;
    char out[1200], cmd[4096];
    CHECK(d != NULL);
    if (!d) { fs_tree_free(t); return; }
    CHECK_EQ_INT(fs_read_identify(d, 0, &fs), 0);
    CHECK(fs & FS_FS_UDF);
    CHECK_EQ_INT(fs_read_import(d, 0, FS_FS_UDF, t, NULL, &info), expect);
    fs_disc_release(d);
    if (expect) { fs_tree_free(t); return; }
    CHECK_EQ_INT(info.files, files);
    snprintf(out, sizeof(out), "%s/out-%s", tmp, tag);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", out);
    sh(cmd);
    CHECK_EQ_INT(ti_export(fs_tree_root(t), out, &n), 0);
    if (src)
    {
        snprintf(cmd, sizeof(cmd), "diff -r '%s' '%s'", src, out);
        if (sh(cmd)) fprintf(stderr, "%s: the imported UDF tree differs from its source\n", tag);
        CHECK_EQ_INT(sh(cmd), 0);
    }
    fs_tree_free(t);
}

static void import_compare(const char *image, const char *src, const char *tag, unsigned files)
{
    import_compare_hr(image, src, tag, files, 0);
}

int main(void)
{
    static const unsigned revs[] = { 0x102, 0x150, 0x200, 0x201, 0x250, 0x260 };
    const char *base = getenv("IMAPI_TEST_TMP");
    char src[1200], p[1400], cmd[4096], img[1200];
    unsigned i, k;

    snprintf(tmp, sizeof(tmp), "%s/fs_import_udf", base ? base : "/tmp");
    snprintf(cmd, sizeof(cmd), "rm -rf '%s' && mkdir -p '%s/src/sub/deeper' '%s/src/empty dir'", tmp, tmp, tmp);
    CHECK_EQ_INT(sh(cmd), 0);
    snprintf(src, sizeof(src), "%s/src", tmp);
    snprintf(p, sizeof(p), "%s/a.txt", src); tu_write_file(p, "hello\n", 6, 0);
    snprintf(p, sizeof(p), "%s/sub/big.bin", src); tu_write_file(p, NULL, 300000, 3);
    snprintf(p, sizeof(p), "%s/sub/deeper/Long Name With Spaces.text", src); tu_write_file(p, NULL, 4097, 5);
    snprintf(p, sizeof(p), "%s/tiny", src); tu_write_file(p, "x", 1, 0);   /* may be embedded */
    snprintf(p, sizeof(p), "%s/\xce\x95\xce\xbb\xce\xbb\xce\xb7\xce\xbd\xce\xb9\xce\xba\xce\xac.txt", src);
    tu_write_file(p, NULL, 2048, 7);
    if (!tu_have("genisoimage") || !tu_have("mkudffs"))
    {
        fprintf(stderr, "genisoimage and mkudffs (udftools) are needed\n");
        return EXIT_FAILURE;
    }

    /* Ours, every revision, UDF alone and with ISO9660 + Joliet. */
    for (i = 0; i < sizeof(revs) / sizeof(revs[0]); i++)
        for (k = 0; k < 2; k++)
        {
            fs_tree *t = fs_tree_new();
            fs_layout_options o;
            fs_layout *L;
            char tag[64];
            fs_layout_options_default(&o);
            o.max_blocks = 0;
            o.file_systems = k ? (FS_FS_ISO9660 | FS_FS_JOLIET | FS_FS_UDF) : FS_FS_UDF;
            o.udf_revision = revs[i];
            CHECK_EQ_INT(tu_add_disk_tree(t, fs_tree_root(t), src), 0);
            CHECK_EQ_INT(fs_layout_build(t, &o, &L), 0);
            fs_tree_free(t);
            snprintf(tag, sizeof(tag), "ours-%x-%s", revs[i], k ? "bridge" : "udf");
            snprintf(img, sizeof(img), "%s/%s.iso", tmp, tag);
            if (L) { CHECK_EQ_INT(tu_write_image(L, img), 0); fs_layout_release(L); }
            import_compare(img, src, tag, 5);
        }

    /* genisoimage's UDF 1.02 bridge. */
    snprintf(img, sizeof(img), "%s/g.iso", tmp);
    snprintf(cmd, sizeof(cmd), "genisoimage -quiet -udf -J -R -o '%s' '%s'", img, src);
    CHECK_EQ_INT(sh(cmd), 0);
    import_compare(img, src, "genisoimage", 5);

    /* mkudffs: empty file systems, metadata partition from 2.50. */
    {
        static const char *const mrevs[] = { "1.02", "2.01", "2.50", "2.60" };
        for (i = 0; i < 4; i++)
        {
            snprintf(img, sizeof(img), "%s/mkudffs-%s.img", tmp, mrevs[i]);
            /* mkudffs writes 2.50 and later for BD-R only (metadata partition) */
            snprintf(cmd, sizeof(cmd), "rm -f '%s' && truncate -s 8M '%s' && mkudffs --media-type=%s --blocksize=2048 "
                     "--udfrev=%s '%s' >/dev/null", img, img, i >= 2 ? "bdr" : "hd", mrevs[i], img);
            CHECK_EQ_INT(sh(cmd), 0);
            /* write-once BD-R: a virtual (VAT) partition, which is not imported */
            import_compare_hr(img, NULL, mrevs[i], 0, i >= 2 ? IMAPI_E_FILE_SYSTEM_FEATURE_NOT_SUPPORTED : 0);
        }
    }

    /* Mutants of our 2.50 bridge image (metadata partition) and of genisoimage's. */
    {
        const char *seeds[2];
        char s0[1200], s1[1200];
        snprintf(s0, sizeof(s0), "%s/ours-250-bridge.iso", tmp);
        snprintf(s1, sizeof(s1), "%s/g.iso", tmp);
        seeds[0] = s0;
        seeds[1] = s1;
        fuzz_imported = fuzz_outside = fuzz_bad_result = 0;
        for (k = 0; k < 2; k++)
        {
            FILE *f = fopen(seeds[k], "rb");
            uint8_t *data, *mut;
            size_t size;
            uint32_t rng = 0x9e3779b9u + k;
            CHECK(f != NULL);
            if (!f) continue;
            fseek(f, 0, SEEK_END);
            size = (size_t)ftell(f);
            fseek(f, 0, SEEK_SET);
            data = malloc(size);
            mut = malloc(size);
            if (fread(data, 1, size, f) != size) size = 0;
            fclose(f);
            for (i = 0; i < 1000 && size; i++)
            {
                unsigned n = 1 + i % 8, j;
                memcpy(mut, data, size);
                for (j = 0; j < n; j++)
                {
                    size_t at;
                    rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5;
                    at = 16 * 2048 + rng % (size - 16 * 2048 < 400 * 2048 ? size - 16 * 2048 : 400 * 2048);
                    rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5;
                    mut[at] = (uint8_t)rng;
                }
                fuzz_one_udf(mut, size);
            }
            free(data);
            free(mut);
        }
        printf("2000 UDF mutants: %lu imports succeeded, %lu reads outside, %lu undocumented results\n",
               fuzz_imported, fuzz_outside, fuzz_bad_result);
        CHECK_EQ_INT(fuzz_outside, 0);
        CHECK_EQ_INT(fuzz_bad_result, 0);
        CHECK(fuzz_imported > 50);
    }
    return check_finish("test_fs_import_udf");
}
