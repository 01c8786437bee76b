/* Issue 16, finding 5: a burner killed (SIGKILL) at any point of a recording leaves a
 * disc whose state agrees with its data: the NWA is never behind a block already in
 * disc.img, so an append never writes over burned blocks of write-once media.
 * A child records (writes, SYNCHRONIZE CACHE, CLOSE TRACK, CLOSE SESSION; on DVD-R also
 * into a reserved track) and kills itself at the Nth named step inside the drive
 * ("write": data in disc.img, state not updated; "commit"/"committed": around the
 * replacement of state.txt, also inside CLOSE TRACK/SESSION). For every N the parent
 * reopens the disc, checks that every burned block reads back and lies before the NWA,
 * appends a session and reads both sessions back. */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"
#include "vd_test_util.h"

#define RUN 8                 /* blocks per WRITE */
#define CHILD_MARK 0xC1
#define PARENT_MARK 0xE2

static uint8_t buf[16 * 2048];
static unsigned steps_seen, kill_at;

static void on_step(void *ctx, const char *step)
{
    (void)ctx; (void)step;
    if (++steps_seen == kill_at) raise(SIGKILL);
}

static void stamp(uint32_t lba, unsigned count, uint8_t mark)
{
    unsigned i;
    for (i = 0; i < count; i++)
    {
        memset(buf + (size_t)i * 2048, mark, 2048);
        vt_put32(buf + (size_t)i * 2048, lba + i);
    }
}

static int block_ok(const uint8_t *b, uint32_t lba, uint8_t mark)
{
    return vt_get32(b) == lba && b[4] == mark && b[2047] == mark;
}

static uint32_t nwa_of(vdrive *vd, unsigned track, int *valid)
{
    uint8_t ti[48];
    *valid = 0;
    if (vt_track_info(vd, track, ti).status) return 0;
    *valid = ti[7] & 1;
    return vt_get32(ti + 12);
}

static vt_result reserve(vdrive *vd, uint32_t blocks)
{
    uint8_t c[10] = { 0x53 };
    vt_put32(c + 5, blocks);
    return vt_run(vd, c, 10, MMC_DIR_NONE, NULL, 0);
}

static int write_at_nwa(vdrive *vd, unsigned track)
{
    int valid;
    uint32_t at = nwa_of(vd, track, &valid);
    if (!valid) return 1;
    stamp(at, RUN, CHILD_MARK);
    return vt_write10(vd, at, RUN, buf, 2048).status != MMC_STATUS_GOOD;
}

/* The recording; exits with the number of steps it went through. */
static void child(int reserved)
{
    vdrive *vd;
    unsigned i;
    if (vdrive_open(vt_dir, &vd)) _exit(200);
    vdrive_set_step_hook(vd, on_step, NULL);
    for (i = 0; i < 2 && reserved; i++) if (write_at_nwa(vd, 1)) _exit(201);   /* into the reserved track */
    for (i = 0; i < 4; i++)
    {
        if (write_at_nwa(vd, 0xFF)) _exit(202);
        if (i == 1 && vt_sync(vd).status) _exit(203);
    }
    if (vt_close(vd, 1, 0).status) _exit(204);                                 /* CLOSE TRACK */
    for (i = 0; i < 2; i++) if (write_at_nwa(vd, 0xFF)) _exit(205);
    if (vt_close(vd, 2, 0).status) _exit(206);                                 /* CLOSE SESSION */
    _exit((int)steps_seen);
}

static void setup(uint16_t profile, int reserved)
{
    vdrive *vd;
    vt_fresh_dir("crash", NULL);
    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(vdrive_insert_blank(vd, profile), 0);
    /* TAO/incremental, multi-session: closing a session leaves the disc appendable */
    CHECK_EQ_INT(vt_set_write_params(vd, 1, 1, 3, 4, 8).status, MMC_STATUS_GOOD);
    if (reserved) CHECK_EQ_INT(reserve(vd, 32).status, MMC_STATUS_GOOD);
    vdrive_close(vd);
}

static int run_child(unsigned n, int reserved)
{
    pid_t pid;
    int status = 0;
    fflush(NULL);
    pid = fork();
    if (pid == 0) { kill_at = n; child(reserved); }
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -2;
}

/* Blocks of disc.img stamped by the child (the burned ones): count and last LBA. */
static unsigned scan_burned(uint32_t stride, int64_t *last)
{
    char path[1200];
    core_file *f;
    uint8_t b[2048];
    uint64_t size, lba;
    unsigned n = 0;
    size_t got;
    *last = -1;
    snprintf(path, sizeof(path), "%s/disc.img", vt_dir);
    if (core_file_open(path, CORE_FILE_READ, &f)) return 0;
    core_file_size(f, &size);
    for (lba = 0; lba * stride < size; lba++)
        if (!core_file_pread(f, b, sizeof(b), lba * stride, &got) && got == sizeof(b) && block_ok(b, (uint32_t)lba, CHILD_MARK))
        { n++; *last = (int64_t)lba; }
    core_file_close(f);
    return n;
}

static int burned_in_file(uint32_t lba, uint32_t stride)
{
    char path[1200];
    core_file *f;
    uint8_t b[2048];
    size_t got = 0;
    int yes;
    snprintf(path, sizeof(path), "%s/disc.img", vt_dir);
    if (core_file_open(path, CORE_FILE_READ, &f)) return 0;
    yes = !core_file_pread(f, b, sizeof(b), (uint64_t)lba * stride, &got) && got == sizeof(b) && block_ok(b, lba, CHILD_MARK);
    core_file_close(f);
    return yes;
}

/* Every burned block reads back through the drive. */
static unsigned check_burned(vdrive *vd, uint32_t stride)
{
    char path[1200];
    core_file *f;
    uint8_t b[2048], rd[2048];
    uint64_t size, lba;
    unsigned bad = 0;
    size_t got;
    snprintf(path, sizeof(path), "%s/disc.img", vt_dir);
    if (core_file_open(path, CORE_FILE_READ, &f)) return 1;
    core_file_size(f, &size);
    for (lba = 0; lba * stride < size; lba++)
        if (!core_file_pread(f, b, sizeof(b), lba * stride, &got) && got == sizeof(b) && block_ok(b, (uint32_t)lba, CHILD_MARK))
            if (vt_read10(vd, (uint32_t)lba, 1, rd).status || !block_ok(rd, (uint32_t)lba, CHILD_MARK)) bad++;
    core_file_close(f);
    return bad;
}

static void check_after_kill(unsigned n, uint32_t stride, int reserved)
{
    vdrive *vd;
    int64_t last;
    unsigned burned = scan_burned(stride, &last), i;
    uint32_t at;
    int valid;
    uint8_t rd[16 * 2048], di[34];

    CHECK_EQ_INT(vdrive_open(vt_dir, &vd), 0);
    CHECK_EQ_INT(check_burned(vd, stride), 0);
    at = nwa_of(vd, 0xFF, &valid);
    if (!valid || (int64_t)at <= last)
        fprintf(stderr, "  kill at step %u: NWA %u (valid %d), last burned block %lld\n", n, at, valid, (long long)last);
    CHECK(valid && (int64_t)at > last);
    if (reserved)
    {
        /* the reserved track's NWA is past what was burned into it */
        uint32_t rnwa = nwa_of(vd, 1, &valid);
        for (i = rnwa; valid && i < 32; i++)
            if (burned_in_file(i, stride))
            {
                fprintf(stderr, "  kill at step %u: reserved track NWA %u, block %u burned\n", n, rnwa, i);
                CHECK(0);
                break;
            }
    }
    /* append a session after whatever the child left */
    CHECK_EQ_INT(vt_close(vd, 1, 0).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_close(vd, 2, 0).status, MMC_STATUS_GOOD);
    at = nwa_of(vd, 0xFF, &valid);
    CHECK(valid && (int64_t)at > last);
    stamp(at, 16, PARENT_MARK);
    CHECK_EQ_INT(vt_write10(vd, at, 16, buf, 2048).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_close(vd, 2, 0).status, MMC_STATUS_GOOD);
    CHECK_EQ_INT(vt_disc_info(vd, di).status, MMC_STATUS_GOOD);
    CHECK(di[4] >= 2 || burned == 0);                          /* sessions: child's + ours */
    CHECK_EQ_INT(vt_read10(vd, at, 16, rd).status, MMC_STATUS_GOOD);
    for (i = 0; i < 16; i++) CHECK(block_ok(rd + (size_t)i * 2048, at + i, PARENT_MARK));
    CHECK_EQ_INT(check_burned(vd, stride), 0);                  /* the first session intact */
    vdrive_close(vd);
}

static void test_media(uint16_t profile, const char *name, uint32_t stride, int reserved)
{
    int total, n;
    setup(profile, reserved);
    total = run_child(1000, reserved);           /* no kill: how many steps there are */
    CHECK(total > 10 && total < 200);
    for (n = 1; total > 0 && n <= total; n++)
    {
        setup(profile, reserved);
        CHECK_EQ_INT(run_child((unsigned)n, reserved), -1);
        check_after_kill((unsigned)n, stride, reserved);
    }
    fprintf(stderr, "%s: killed at each of %d steps\n", name, total);
}

int main(void)
{
    test_media(0x001B, "DVD+R", 2048, 0);
    test_media(0x0011, "DVD-R with a reserved track", 2048, 1);
    test_media(0x0009, "CD-R", 2352, 0);
    test_media(0x0041, "BD-R", 2048, 0);
    return check_finish("test_vdrive_crash");
}
