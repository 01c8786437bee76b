/* End to end with independent tools: an ISO made by genisoimage (or xorriso -as mkisofs)
 * is written to an emulated DVD+R with WRITE(10), closed, exported with the vdrive CLI,
 * and read back by isoinfo and xorriso. A CD with an audio track is exported as BIN/CUE.
 * Missing tools make this test fail, not skip. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "vd_test_util.h"

static char work[1100];

static int run(const char *cmdline)
{
    int rc = system(cmdline);
    if (rc) fprintf(stderr, "command failed (%d): %s\n", rc, cmdline);
    return rc;
}

static int file_contains(const char *path, const char *needle)
{
    char *text;
    int found;
    if (core_file_read_all(path, &text, NULL)) return 0;
    found = strstr(text, needle) != NULL;
    free(text);
    return found;
}

static int make_iso(const char *iso)
{
    char cmd[8192];
    snprintf(cmd, sizeof(cmd),
             "rm -rf '%s/tree' && mkdir -p '%s/tree/SUBDIR' && "
             "head -c 300000 /dev/urandom > '%s/tree/SUBDIR/PAYLOAD.BIN' && "
             "echo hello-vdrive > '%s/tree/README.TXT'", work, work, work, work);
    if (run(cmd)) return 1;
    snprintf(cmd, sizeof(cmd), "genisoimage -quiet -r -J -V VDRIVETEST -o '%s' '%s/tree' 2>/dev/null", iso, work);
    if (!system(cmd)) return 0;
    snprintf(cmd, sizeof(cmd), "xorriso -as mkisofs -quiet -r -J -V VDRIVETEST -o '%s' '%s/tree' 2>/dev/null", iso, work);
    return run(cmd);
}

static void test_dvd_iso(const char *cli)
{
    char iso[1200], out[1200], cmd[8192], listing[1200];
    uint8_t chunk[32 * 2048];
    core_file *f;
    uint64_t size, off;
    vdrive *vd;
    vt_result r;

    snprintf(iso, sizeof(iso), "%s/source.iso", work);
    snprintf(out, sizeof(out), "%s/export.iso", work);
    snprintf(listing, sizeof(listing), "%s/listing.txt", work);
    CHECK_EQ_INT(make_iso(iso), 0);
    CHECK_EQ_INT(core_file_open(iso, CORE_FILE_READ, &f), 0);
    CHECK_EQ_INT(core_file_size(f, &size), 0);
    CHECK(size > 300000 && size % 2048 == 0);

    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(vdrive_insert_blank(vd, 0x001B), 0);
    for (off = 0; off < size; off += sizeof(chunk))
    {
        size_t n = size - off < sizeof(chunk) ? (size_t)(size - off) : sizeof(chunk), got;
        core_file_pread(f, chunk, n, off, &got);
        r = vt_write10(vd, (uint32_t)(off / 2048), (unsigned)(n / 2048), chunk, 2048);
        CHECK_EQ_INT(r.status, MMC_STATUS_GOOD);
    }
    core_file_close(f);
    CHECK_EQ_INT(vt_sync(vd).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_close(vd, 1, 1).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_close(vd, 6, 0).status, MMC_STATUS_GOOD);
    vdrive_close(vd);

    snprintf(cmd, sizeof(cmd), "'%s' export-iso '%s' '%s'", cli, vt_dir, out);
    CHECK_EQ_INT(run(cmd), 0);
    snprintf(cmd, sizeof(cmd), "cmp '%s' '%s'", iso, out);
    CHECK_EQ_INT(run(cmd), 0);
    snprintf(cmd, sizeof(cmd), "isoinfo -l -i '%s' > '%s' 2>&1", out, listing);
    CHECK_EQ_INT(run(cmd), 0);
    CHECK(file_contains(listing, "PAYLOAD.BIN"));
    CHECK(file_contains(listing, "README.TXT"));
    snprintf(cmd, sizeof(cmd), "xorriso -indev '%s' -find / -name PAYLOAD.BIN > '%s' 2>&1", out, listing);
    CHECK_EQ_INT(run(cmd), 0);
    CHECK(file_contains(listing, "/SUBDIR/PAYLOAD.BIN"));
    snprintf(cmd, sizeof(cmd), "xorriso -indev '%s' -osirrox on -extract /SUBDIR/PAYLOAD.BIN '%s/payload.out' >/dev/null 2>&1"
             " && cmp '%s/payload.out' '%s/tree/SUBDIR/PAYLOAD.BIN'", out, work, work, work);
    CHECK_EQ_INT(run(cmd), 0);
    snprintf(cmd, sizeof(cmd), "'%s' show '%s' > '%s'", cli, vt_dir, listing);
    CHECK_EQ_INT(run(cmd), 0);
    CHECK(file_contains(listing, "disc: complete"));

    /* the same image pressed as a DVD-ROM through the CLI, exported by track number */
    snprintf(cmd, sizeof(cmd), "'%s' insert '%s' dvdrom --image '%s' && '%s' export-iso '%s' '%s.rom' --track 1"
             " && cmp '%s' '%s.rom'", cli, vt_dir, iso, cli, vt_dir, out, iso, out);
    CHECK_EQ_INT(run(cmd), 0);
    snprintf(cmd, sizeof(cmd), "'%s' insert '%s' dvdrom 2>/dev/null", cli, vt_dir);   /* ROM needs --image */
    CHECK(system(cmd) != 0);
    snprintf(cmd, sizeof(cmd), "'%s' insert '%s' nosuchmedia 2>/dev/null", cli, vt_dir);
    CHECK(system(cmd) != 0);
}

static void test_cd_bincue(const char *cli)
{
    char cmd[8192], cue[1200], bin[1200];
    uint8_t audio[10 * 2352];
    vdrive *vd;
    uint64_t size = 0;
    core_file *f;
    unsigned i;

    vt_fresh_dir("iso_cd", NULL);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(vdrive_insert_blank(vd, 0x0009), 0);
    CHECK_EQ_INT(vt_set_write_params(vd, 1, 1, 0, 0, 0).status, MMC_STATUS_GOOD);  /* TAO audio, raw */
    for (i = 0; i < sizeof(audio); i++) audio[i] = (uint8_t)(i * 7);
    CHECK_EQ_INT(vt_write10(vd, 0, 10, audio, 2352).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_close(vd, 1, 1).status, MMC_STATUS_GOOD);
    vdrive_close(vd);
    snprintf(cue, sizeof(cue), "%s/disc.cue", work);
    snprintf(bin, sizeof(bin), "%s/disc.bin", work);
    snprintf(cmd, sizeof(cmd), "'%s' export-cue '%s' '%s'", cli, vt_dir, cue);
    CHECK_EQ_INT(run(cmd), 0);
    CHECK(file_contains(cue, "FILE \"disc.bin\" BINARY"));
    CHECK(file_contains(cue, "TRACK 01 AUDIO"));
    CHECK_EQ_INT(core_file_open(bin, CORE_FILE_READ, &f), 0);
    core_file_size(f, &size);
    CHECK_EQ_INT(size, sizeof(audio));
    {
        uint8_t back[sizeof(audio)];
        size_t got;
        core_file_pread(f, back, sizeof(back), 0, &got);
        CHECK(!memcmp(back, audio, sizeof(audio)));
    }
    core_file_close(f);
}

int main(void)
{
    const char *cli = getenv("VDRIVE_CLI");
    CHECK(cli != NULL);
    if (!cli) return check_finish("test_vdrive_iso");
    vt_fresh_dir("iso_dvd", NULL);
    snprintf(work, sizeof(work), "%s", vt_dir);
    test_dvd_iso(cli);
    test_cd_bincue(cli);
    return check_finish("test_vdrive_iso");
}
