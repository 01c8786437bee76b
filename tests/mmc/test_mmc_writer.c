/* The WRITE loop against the emulated recorder: data lands where it should, progress
 * is reported and can cancel, a full drive buffer is waited out, and drive errors and
 * short sources give the documented HRESULTs. */
#include <string.h>
#include "check.h"
#include "../vdrive/vd_test_util.h"
#include "mmc/mmc_writer.h"
#include "mmc/mmc_cdb.h"
#include "imapi2error.h"

#define BLOCKS 2000

static uint8_t source_data[BLOCKS * 2048];
static uint8_t staging[64 * 1024];

struct probe
{
    uint64_t clock;
    unsigned reports, cancel_at, sleeps;
    mmc_write_progress first, last;
};

static uint64_t fake_now(void *ctx) { return ((struct probe *)ctx)->clock += 100; }
static void fake_sleep(void *ctx, unsigned ms) { ((struct probe *)ctx)->sleeps++; }

static int on_progress(void *ctx, const mmc_write_progress *p)
{
    struct probe *pr = ctx;
    if (!pr->reports) pr->first = *p;
    pr->last = *p;
    return ++pr->reports == pr->cancel_at;
}

static mmc_transport *fresh_recorder(const char *name, uint16_t profile, vdrive **admin)
{
    mmc_transport *t = NULL;
    vt_fresh_dir(name, NULL);
    CHECK_EQ_INT(vdrive_open(vt_dir, admin), 0);
    CHECK_EQ_INT(vdrive_insert_blank(*admin, profile), 0);
    CHECK_EQ_INT(vdrive_transport_open(vt_dir, &t), 0);
    return t;
}

static int32_t run(mmc_transport *t, int32_t lba, uint32_t blocks, size_t source_len, struct probe *pr)
{
    core_mem_stream src;
    mmc_write_job job;

    core_mem_stream_init(&src, source_data, source_len);
    memset(&job, 0, sizeof(job));
    job.transport = t;
    job.source = &src.base;
    job.start_lba = lba;
    job.blocks = blocks;
    job.block_size = 2048;
    job.buffer = staging;
    job.buffer_size = sizeof(staging);
    job.progress = on_progress;
    job.ctx = pr;
    job.interval_ms = 500;
    job.now_ms = fake_now;
    job.sleep_ms = fake_sleep;
    return mmc_write_blocks(&job);
}

/* READ(10) laid out by hand (MMC-6 table 454). */
static int read_back(mmc_transport *t, uint32_t lba, uint8_t *buf, uint16_t blocks)
{
    mmc_command cmd;
    memset(&cmd, 0, sizeof(cmd));
    cmd.cdb[0] = 0x28;
    vt_put32(cmd.cdb + 2, lba);
    vt_put16(cmd.cdb + 7, blocks);
    cmd.cdb_len = 10;
    cmd.dir = MMC_DIR_IN;
    cmd.buf = buf;
    cmd.len = (size_t)blocks * 2048;
    return t->execute(t, &cmd);
}

static void test_write_and_read_back(void)
{
    static uint8_t back[BLOCKS * 2048];
    struct probe pr = { 0 };
    vdrive *admin;
    mmc_transport *t = fresh_recorder("writer_ok", MMC_PROFILE_DVD_PLUS_R, &admin);
    unsigned i;

    CHECK_EQ_INT(run(t, 0, BLOCKS, sizeof(source_data), &pr), 0);
    CHECK(pr.reports >= 2);
    CHECK_EQ_INT(pr.first.last_written_lba, -1);
    CHECK_EQ_INT(pr.first.sector_count, BLOCKS);
    CHECK_EQ_INT(pr.last.last_written_lba, BLOCKS - 1);
    CHECK_EQ_INT(pr.last.last_read_lba, BLOCKS - 1);
    CHECK_EQ_INT(pr.last.buffer_total, sizeof(staging));
    for (i = 0; i < BLOCKS; i += 32)
        CHECK_EQ_INT(read_back(t, i, back + (size_t)i * 2048, (uint16_t)(BLOCKS - i < 32 ? BLOCKS - i : 32)),
                     MMC_STATUS_GOOD);
    CHECK(!memcmp(back, source_data, sizeof(back)));
    t->release(t);
    vdrive_close(admin);
}

static void test_cancel_and_short_source(void)
{
    struct probe pr = { 0 };
    vdrive *admin;
    mmc_transport *t = fresh_recorder("writer_cancel", MMC_PROFILE_DVD_PLUS_R, &admin);

    pr.cancel_at = 3;
    CHECK_EQ_INT(run(t, 0, BLOCKS, sizeof(source_data), &pr), E_IMAPI_REQUEST_CANCELLED);
    CHECK(pr.last.last_written_lba < BLOCKS - 1);
    t->release(t);
    vdrive_close(admin);

    memset(&pr, 0, sizeof(pr));
    t = fresh_recorder("writer_short", MMC_PROFILE_DVD_PLUS_R, &admin);
    CHECK_EQ_INT(run(t, 0, 100, 99 * 2048 + 100, &pr), MMC_HR_FAIL);
    t->release(t);
    vdrive_close(admin);
}

static void test_drive_conditions(void)
{
    struct probe pr = { 0 };
    vdrive_fault fault;
    vdrive *admin;
    mmc_transport *t;

    /* A full drive buffer (02/04/08) is waited out. */
    t = fresh_recorder("writer_busy", MMC_PROFILE_DVD_PLUS_R, &admin);
    CHECK_EQ_INT(vdrive_fault_parse("op=2A sense=2/04/08 once", &fault), 0);
    CHECK_EQ_INT(vdrive_add_fault(admin, &fault), 0);
    CHECK_EQ_INT(run(t, 0, 64, 64 * 2048, &pr), 0);
    CHECK(pr.sleeps >= 1);
    t->release(t);
    vdrive_close(admin);

    /* Buffer underrun reported by the drive. */
    t = fresh_recorder("writer_underrun", MMC_PROFILE_DVD_PLUS_R, &admin);
    CHECK_EQ_INT(vdrive_fault_parse("op=2A lba=64-100 sense=3/0C/09", &fault), 0);
    CHECK_EQ_INT(vdrive_add_fault(admin, &fault), 0);
    CHECK_EQ_INT(run(t, 0, 200, 200 * 2048, &pr), E_IMAPI_LOSS_OF_STREAMING);
    t->release(t);
    vdrive_close(admin);

    /* Write-protected media. */
    t = fresh_recorder("writer_protected", MMC_PROFILE_DVD_PLUS_R, &admin);
    CHECK_EQ_INT(vdrive_set_write_protect(admin, 1), 0);
    CHECK_EQ_INT(run(t, 0, 10, 10 * 2048, &pr), E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED);
    t->release(t);
    vdrive_close(admin);

    /* Sequential media accept writes only at the next writable address. */
    t = fresh_recorder("writer_badlba", MMC_PROFILE_DVD_PLUS_R, &admin);
    CHECK_EQ_INT(run(t, 100, 10, 10 * 2048, &pr), E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE);
    t->release(t);
    vdrive_close(admin);

    /* A command that times out. */
    t = fresh_recorder("writer_timeout", MMC_PROFILE_DVD_PLUS_R, &admin);
    CHECK_EQ_INT(vdrive_fault_parse("op=2A timeout", &fault), 0);
    CHECK_EQ_INT(vdrive_add_fault(admin, &fault), 0);
    CHECK_EQ_INT(run(t, 0, 10, 10 * 2048, &pr), E_IMAPI_RECORDER_COMMAND_TIMEOUT);
    t->release(t);
    vdrive_close(admin);
}

/* ---- read-ahead: a host whose "drive thread" runs each queued task only when the
 * writer waits for it (the latest moment the contract allows), so every chunk is read
 * before the WRITE of the one before it goes out ---- */

struct fake_host
{
    struct { void (*fn)(void *); void *arg; } q[MMC_WRITE_AHEAD_MAX];
    unsigned head, tail, max_queued;
    mmc_write_ahead ahead;
    mmc_write_progress final;
};

static void host_start(void *ctx, void (*fn)(void *), void *arg)
{
    struct fake_host *h = ctx;
    h->q[h->head % MMC_WRITE_AHEAD_MAX].fn = fn;
    h->q[h->head % MMC_WRITE_AHEAD_MAX].arg = arg;
    h->head++;
    if (h->head - h->tail > h->max_queued) h->max_queued = h->head - h->tail;
}

static void host_wait(void *ctx)
{
    struct fake_host *h = ctx;
    CHECK(h->tail < h->head);
    if (h->tail < h->head) { h->q[h->tail % MMC_WRITE_AHEAD_MAX].fn(h->q[h->tail % MMC_WRITE_AHEAD_MAX].arg); h->tail++; }
}

static uint8_t ring[4][32 * 2048];

/* per_write 0: one WRITE per ring buffer; else WRITEs of per_write blocks out of each */
static int32_t run_ahead(mmc_transport *t, uint32_t blocks, struct probe *pr, struct fake_host *h, uint32_t per_write)
{
    core_mem_stream src;
    mmc_write_job job;
    unsigned i;

    memset(h, 0, sizeof(*h));
    for (i = 0; i < 4; i++) h->ahead.buffers[i] = ring[i];
    h->ahead.count = 4;
    h->ahead.start = host_start;
    h->ahead.wait = host_wait;
    h->ahead.ctx = h;
    core_mem_stream_init(&src, source_data, sizeof(source_data));
    memset(&job, 0, sizeof(job));
    job.transport = t;
    job.source = &src.base;
    job.blocks = blocks;
    job.block_size = 2048;
    job.buffer_size = per_write ? per_write * 2048 : sizeof(ring[0]);
    if (per_write) h->ahead.buffer_size = sizeof(ring[0]);
    job.progress = on_progress;
    job.ctx = pr;
    job.interval_ms = 500;
    job.now_ms = fake_now;
    job.sleep_ms = fake_sleep;
    job.ahead = &h->ahead;
    job.final = &h->final;
    return mmc_write_blocks(&job);
}

static void test_read_ahead(void)
{
    static uint8_t back[BLOCKS * 2048];
    struct probe pr = { 0 };
    struct fake_host h;
    vdrive_fault fault;
    vdrive *admin;
    mmc_transport *t = fresh_recorder("writer_ahead", MMC_PROFILE_DVD_PLUS_R, &admin);
    unsigned i;

    CHECK_EQ_INT(run_ahead(t, BLOCKS, &pr, &h, 0), 0);
    CHECK_EQ_INT(h.head, (BLOCKS + 31) / 32);           /* one task per 32-block chunk */
    CHECK_EQ_INT(h.tail, h.head);                       /* all waited for */
    CHECK_EQ_INT(h.max_queued, 4);                      /* the whole ring was in use */
    CHECK_EQ_INT(pr.last.last_written_lba, BLOCKS - 1);
    CHECK_EQ_INT(pr.last.buffer_total, 4 * sizeof(ring[0]));
    CHECK_EQ_INT(pr.last.buffer_used, 0);
    for (i = 0; i < BLOCKS; i += 32)
        CHECK_EQ_INT(read_back(t, i, back + (size_t)i * 2048, (uint16_t)(BLOCKS - i < 32 ? BLOCKS - i : 32)),
                     MMC_STATUS_GOOD);
    CHECK(!memcmp(back, source_data, sizeof(back)));
    t->release(t);
    vdrive_close(admin);

    /* a failed WRITE: its error, and the WRITEs queued behind it are not sent (the NWA
     * stays at the failed block) */
    t = fresh_recorder("writer_ahead_fail", MMC_PROFILE_DVD_PLUS_R, &admin);
    CHECK_EQ_INT(vdrive_fault_parse("op=2A lba=70 protect once", &fault), 0);
    CHECK_EQ_INT(vdrive_add_fault(admin, &fault), 0);
    memset(&pr, 0, sizeof(pr));
    CHECK_EQ_INT(run_ahead(t, BLOCKS, &pr, &h, 0), E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED);
    CHECK_EQ_INT(h.tail, h.head);
    CHECK(pr.last.last_written_lba < 64);               /* no report after the failure, */
    CHECK_EQ_INT(h.final.last_written_lba, 63);         /* but the final progress says it */
    {
        struct probe pr2 = { 0 };
        CHECK_EQ_INT(vdrive_set_write_protect(admin, 0), 0);
        CHECK_EQ_INT(run(t, 64, 10, 10 * 2048, &pr2), 0);   /* 64 is still the next writable block */
    }
    t->release(t);
    vdrive_close(admin);

    /* buffers of two WRITEs each: all data lands; a WRITE failing in the second half of a
     * buffer leaves the first half counted as written */
    t = fresh_recorder("writer_ahead_split", MMC_PROFILE_DVD_PLUS_R, &admin);
    memset(&pr, 0, sizeof(pr));
    CHECK_EQ_INT(run_ahead(t, BLOCKS, &pr, &h, 16), 0);
    CHECK_EQ_INT(h.head, (BLOCKS + 31) / 32);           /* still one task per 32-block buffer */
    CHECK_EQ_INT(h.final.last_written_lba, BLOCKS - 1);
    CHECK_EQ_INT(h.final.buffer_total, 4 * sizeof(ring[0]));
    for (i = 0; i < BLOCKS; i += 32)
        CHECK_EQ_INT(read_back(t, i, back + (size_t)i * 2048, (uint16_t)(BLOCKS - i < 32 ? BLOCKS - i : 32)),
                     MMC_STATUS_GOOD);
    CHECK(!memcmp(back, source_data, sizeof(back)));
    t->release(t);
    vdrive_close(admin);
    t = fresh_recorder("writer_ahead_split_fail", MMC_PROFILE_DVD_PLUS_R, &admin);
    CHECK_EQ_INT(vdrive_fault_parse("op=2A lba=85 protect once", &fault), 0);
    CHECK_EQ_INT(vdrive_add_fault(admin, &fault), 0);
    memset(&pr, 0, sizeof(pr));
    CHECK_EQ_INT(run_ahead(t, BLOCKS, &pr, &h, 16), E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED);
    CHECK_EQ_INT(h.final.last_written_lba, 79);         /* 64-79 went out, 80-95 failed */
    t->release(t);
    vdrive_close(admin);

    /* cancel: the queued WRITEs are drained, the ones not sent yet dropped */
    t = fresh_recorder("writer_ahead_cancel", MMC_PROFILE_DVD_PLUS_R, &admin);
    memset(&pr, 0, sizeof(pr));
    pr.cancel_at = 3;
    CHECK_EQ_INT(run_ahead(t, BLOCKS, &pr, &h, 0), E_IMAPI_REQUEST_CANCELLED);
    CHECK_EQ_INT(h.tail, h.head);
    CHECK(pr.last.last_written_lba < BLOCKS - 1);
    t->release(t);
    vdrive_close(admin);
}

int main(void)
{
    size_t i;
    for (i = 0; i < sizeof(source_data); i++) source_data[i] = (uint8_t)(i * 7 + i / 2048);
    test_write_and_read_back();
    test_cancel_and_short_source();
    test_drive_conditions();
    test_read_ahead();
    return check_finish("test_mmc_writer");
}
