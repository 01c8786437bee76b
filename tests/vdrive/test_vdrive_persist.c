/* Persistence: state survives reopening, two opens of one recorder (in one process and
 * in two processes) interleave without losing or overwriting each other's data, and a
 * process killed with uncommitted writes leaves a disc whose NWA follows every block it
 * burned (see also test_vdrive_crash). */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"
#include "vd_test_util.h"

static uint8_t blocks[32 * 2048];

static void stamp(unsigned first_lba, unsigned count, uint8_t who)
{
    unsigned i;
    for (i = 0; i < count; i++)
    {
        memset(blocks + (size_t)i * 2048, who, 2048);
        vt_put32(blocks + (size_t)i * 2048, first_lba + i);
    }
}

static uint32_t nwa(vdrive *vd)
{
    uint8_t ti[48];
    if (vt_track_info(vd, 0xFF, ti).status) return 0xFFFFFFFFu;
    return vt_get32(ti + 12);
}

static void test_reopen(void)
{
    vdrive *vd;
    uint8_t rd[2048];

    vt_fresh_dir("persist_reopen", NULL);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(vdrive_insert_blank(vd, 0x001B), 0);
    stamp(0, 32, 1);
    CHECK_EQ_INT(vt_write10(vd, 0, 32, blocks, 2048).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_sync(vd).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_set_write_params(vd, 0, 0, 3, 5, 8).status, MMC_STATUS_GOOD);
    vdrive_close(vd);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(nwa(vd), 32);
    CHECK_EQ_INT(vt_read10(vd, 31, 1, rd).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_get32(rd), 31);
    CHECK_EQ_INT(rd[100], 1);
    {
        uint8_t page[8 + 52];
        vt_mode_sense(vd, 0, 0x05, page, sizeof(page));
        CHECK_EQ_INT(page[8 + 2] & 0x40, 0);          /* BUFE off was kept */
        CHECK_EQ_INT(page[8 + 3], 0xC5);
    }
    /* an orderly close keeps writes that were never synced */
    stamp(32, 16, 2);
    CHECK_EQ_INT(vt_write10(vd, 32, 16, blocks, 2048).status, MMC_STATUS_GOOD);
    vdrive_close(vd);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(nwa(vd), 48);
    vdrive_close(vd);
}

static void test_two_opens(void)
{
    vdrive *a, *b;
    uint8_t rd[2048 * 48];
    unsigned i;

    vt_fresh_dir("persist_two", NULL);
    CHECK_EQ_INT(vdrive_open(vt_dir, &a), 0);
    CHECK_EQ_INT(vdrive_open(vt_dir, &b), 0);
    CHECK_EQ_INT(vdrive_insert_blank(a, 0x001B), 0);
    CHECK_EQ_INT(vt_tur(b).status, MMC_STATUS_GOOD);   /* b sees the media a inserted */
    stamp(0, 16, 0xA);
    CHECK_EQ_INT(vt_write10(a, 0, 16, blocks, 2048).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(nwa(b), 16);                          /* no SYNC needed to see it */
    stamp(16, 16, 0xB);
    CHECK_EQ_INT(vt_write10(b, 16, 16, blocks, 2048).status, MMC_STATUS_GOOD);
    CHECK(SENSE_IS(vt_write10(a, 16, 16, blocks, 2048), 5, 0x21, 0x02));
    stamp(32, 16, 0xA);
    CHECK_EQ_INT(vt_write10(a, 32, 16, blocks, 2048).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_read10(b, 0, 48, rd).status, MMC_STATUS_GOOD);
    for (i = 0; i < 48; i++)
    {
        CHECK_EQ_INT(vt_get32(rd + (size_t)i * 2048), i);
        CHECK_EQ_INT(rd[(size_t)i * 2048 + 8], i >= 16 && i < 32 ? 0xB : 0xA);
    }
    CHECK_EQ_INT(vt_close(b, 1, 1).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(nwa(a), 48);                          /* the next track, seen by a */
    {
        uint8_t ti[48];
        vt_track_info(a, 1, ti);
        CHECK_EQ_INT(vt_get32(ti + 24), 48);
    }
    vdrive_close(a);
    vdrive_close(b);
}

/* A newcomer arriving while an open holds uncommitted writes must not see (and record
 * over) the stale committed state: it waits, and if the owner stays idle it is told the
 * drive is busy writing (02/04/08); the owner's next command publishes its writes. */
static void test_late_opener(void)
{
    vdrive *a, *b;
    uint8_t rd[2048];

    vt_fresh_dir("persist_late", NULL);
    CHECK_EQ_INT(vdrive_open(vt_dir, &a), 0);
    CHECK_EQ_INT(vdrive_insert_blank(a, 0x001B), 0);
    stamp(0, 16, 0xA);
    CHECK_EQ_INT(vt_write10(a, 0, 16, blocks, 2048).status, MMC_STATUS_GOOD);   /* alone: not committed */
    CHECK_EQ_INT(vdrive_open(vt_dir, &b), 0);
    CHECK(SENSE_IS(vt_track_info(b, 0xFF, rd), 2, 0x04, 0x08));
    CHECK_EQ_INT(vt_tur(a).status, MMC_STATUS_GOOD);     /* a sees b and commits */
    CHECK_EQ_INT(nwa(b), 16);
    stamp(16, 16, 0xB);
    CHECK_EQ_INT(vt_write10(b, 16, 16, blocks, 2048).status, MMC_STATUS_GOOD);
    CHECK(SENSE_IS(vt_write10(a, 16, 16, blocks, 2048), 5, 0x21, 0x02));
    CHECK_EQ_INT(vt_read10(a, 16, 1, rd).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(rd[100], 0xB);
    vdrive_close(b);
    vdrive_close(a);
}

/* Each process appends 20 stamped runs at whatever the NWA is; a lost race shows as
 * 05/21/02 and is retried. No run may be lost or overwritten. */
static int append_runs(const char *dir, uint8_t who)
{
    vdrive *vd;
    unsigned done = 0, tries = 0;
    if (vdrive_open(dir, &vd)) return 1;
    while (done < 20 && tries++ < 10000)
    {
        uint32_t at = nwa(vd);
        vt_result r;
        stamp(at, 8, who);
        r = vt_write10(vd, at, 8, blocks, 2048);
        if (r.status == MMC_STATUS_GOOD) done++;
        else if (!(r.sk == 5 && r.asc == 0x21 && r.ascq == 0x02)) break;
    }
    vdrive_close(vd);
    return done == 20 ? 0 : 1;
}

static void test_two_processes(void)
{
    vdrive *vd;
    pid_t child;
    int status = -1, counts[256] = { 0 };
    uint8_t rd[2048 * 8];
    unsigned run;

    vt_fresh_dir("persist_procs", NULL);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(vdrive_insert_blank(vd, 0x0041), 0);
    vdrive_close(vd);
    fflush(NULL);
    child = fork();
    if (child == 0) _exit(append_runs(vt_dir, 0xC));
    CHECK_EQ_INT(append_runs(vt_dir, 0xD), 0);
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(nwa(vd), 40 * 8);
    for (run = 0; run < 40; run++)
    {
        CHECK_EQ_INT(vt_read10(vd, run * 8, 8, rd).status, MMC_STATUS_GOOD);
        CHECK_EQ_INT(vt_get32(rd), run * 8);
        CHECK_EQ_INT(vt_get32(rd + 7 * 2048), run * 8 + 7);
        CHECK_EQ_INT(rd[7 * 2048 + 100], rd[100]);     /* one writer per run */
        counts[rd[100]]++;
    }
    CHECK_EQ_INT(counts[0xC], 20);
    CHECK_EQ_INT(counts[0xD], 20);
    vdrive_close(vd);
}

static void test_crash(void)
{
    vdrive *vd;
    pid_t child;
    int status = 0;
    uint8_t rd[2048], di[34];

    vt_fresh_dir("persist_crash", NULL);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(vdrive_insert_blank(vd, 0x001B), 0);
    vdrive_close(vd);
    fflush(NULL);
    child = fork();
    if (child == 0)
    {
        if (vdrive_open(vt_dir, &vd)) _exit(3);
        stamp(0, 32, 0x1);
        if (vt_write10(vd, 0, 32, blocks, 2048).status || vt_sync(vd).status) _exit(4);
        stamp(32, 32, 0x2);
        if (vt_write10(vd, 32, 32, blocks, 2048).status) _exit(5);   /* written, never committed */
        raise(SIGKILL);
        _exit(6);
    }
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    /* the uncommitted blocks are on the (write-once) disc: the NWA follows them, as a
     * drive finds the last recorded address after a power loss (issue 16) */
    CHECK_EQ_INT(nwa(vd), 64);
    CHECK_EQ_INT(vt_read10(vd, 31, 1, rd).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(rd[100], 0x1);
    CHECK_EQ_INT(vt_read10(vd, 40, 1, rd).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(rd[100], 0x2);
    CHECK(SENSE_IS(vt_read10(vd, 64, 1, rd), 5, 0x21, 0x00));
    CHECK_EQ_INT(vt_disc_info(vd, di).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(di[2] & 3, 1);
    stamp(32, 32, 0x3);                                  /* never over the burned blocks */
    CHECK(SENSE_IS(vt_write10(vd, 32, 32, blocks, 2048), 5, 0x21, 0x02));
    stamp(64, 32, 0x3);                                  /* recording continues after them */
    CHECK_EQ_INT(vt_write10(vd, 64, 32, blocks, 2048).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_read10(vd, 40, 1, rd).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(rd[100], 0x2);
    CHECK_EQ_INT(vt_read10(vd, 70, 1, rd).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(rd[100], 0x3);
    vdrive_close(vd);
}

int main(void)
{
    test_reopen();
    test_two_opens();
    test_late_opener();
    test_two_processes();
    test_crash();
    return check_finish("test_vdrive_persist");
}
