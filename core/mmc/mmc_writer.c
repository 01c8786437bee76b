/* WRITE(10) loop with drive-buffer waits, progress and cancellation. */
#include <string.h>
#include "mmc_writer.h"
#include "mmc_cdb.h"
#include "mmc_parse.h"
#include "mmc_sense.h"
#include "imapi2error.h"

/* A drive whose buffer is full answers NOT READY, LONG WRITE IN PROGRESS (04/08) or
 * OPERATION IN PROGRESS (04/07); the host waits and sends the same command again. */
#define BUSY_WAIT_MS 10
#define BUSY_MAX_WAITS 6000   /* one minute of waiting on one command */

static int drive_is_busy(const mmc_command *cmd)
{
    mmc_sense s;
    if (mmc_parse_sense(cmd->sense, sizeof(cmd->sense), &s)) return 0;
    return s.key == SK_NOT_READY && s.asc == 0x04 && (s.ascq == 0x07 || s.ascq == 0x08);
}

static int32_t send_write(const mmc_write_job *job, void *buf, int32_t lba, uint32_t count)
{
    unsigned waits = 0;
    int32_t hr;

    for (;;)
    {
        mmc_command cmd;
        unsigned flags = 0;
        int status;
        mmc_sense s;

        memset(&cmd, 0, sizeof(cmd));
        mmc_cdb_write10(&cmd, buf, (uint32_t)lba, (uint16_t)count, job->block_size);
        if (job->timeout_s) cmd.timeout_s = job->timeout_s;
        status = job->transport->execute(job->transport, &cmd);
        if (status == MMC_STATUS_GOOD) return 0;
        if (status != MMC_STATUS_CHECK_CONDITION) return mmc_status_to_hresult(status);
        if (drive_is_busy(&cmd) && waits++ < BUSY_MAX_WAITS)
        {
            if (job->sleep_ms) job->sleep_ms(job->ctx, BUSY_WAIT_MS);
            continue;
        }
        if (mmc_parse_sense(cmd.sense, sizeof(cmd.sense), &s))
            return E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE;
        hr = mmc_sense_to_hresult(MMC_WRITE10, &s, &flags);
        if (hr >= 0 && !(flags & MMC_SENSE_RETRY)) return 0;   /* recovered error */
        if (flags & MMC_SENSE_RETRY && waits++ < BUSY_MAX_WAITS) continue;
        return hr < 0 ? hr : E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE;
    }
}

static int report(const mmc_write_job *job, const mmc_write_progress *p, uint64_t *last)
{
    if (!job->progress) return 0;
    if (job->now_ms) *last = job->now_ms(job->ctx);
    return job->progress(job->ctx, p);
}

static int due(const mmc_write_job *job, uint64_t last)
{
    return job->progress && job->now_ms && job->now_ms(job->ctx) - last >= job->interval_ms;
}

/* ---- read-ahead: chunks are read here while the host's drive thread writes ---- */

typedef struct ahead_task
{
    const mmc_write_job *job;
    volatile int *stop;         /* set by a failed write (drive thread) or a stop (caller) */
    uint8_t *buf;
    int32_t lba;
    uint32_t count;             /* blocks in the buffer */
    uint32_t per_command;       /* blocks per WRITE */
    uint32_t written;           /* blocks the drive took */
    int32_t hr;
    int ran;
} ahead_task;

/* On the drive thread. The flag is only a hint across threads (volatile, C99 has no
 * atomics): the host's queue hand-over orders the task's own fields, and a write that
 * slips past a stop set at that very moment is one the caller drains and accounts for. */
static void ahead_run(void *arg)
{
    ahead_task *t = arg;
    t->ran = !*t->stop;
    /* a buffer may hold several WRITEs' worth (large reads for a drive taking 64 KiB) */
    while (t->ran && !t->hr && t->written < t->count)
    {
        uint32_t n = t->count - t->written < t->per_command ? t->count - t->written : t->per_command;
        if (!(t->hr = send_write(t->job, t->buf + (size_t)t->written * t->job->block_size,
                                 t->lba + (int32_t)t->written, n)))
            t->written += n;
    }
    if (t->hr) *t->stop = 1;
}

static int32_t write_ahead(const mmc_write_job *job, uint32_t per_command, mmc_write_progress *p, uint64_t *last)
{
    const mmc_write_ahead *a = job->ahead;
    uint32_t per_buffer = (a->buffer_size ? a->buffer_size : job->buffer_size) / job->block_size;
    ahead_task tasks[MMC_WRITE_AHEAD_MAX];
    volatile int stop = 0;
    uint32_t queued = 0, done = 0;
    unsigned started = 0, finished = 0;
    int32_t rc = 0, write_hr = 0;

    while (finished < started || (!rc && !stop && queued < job->blocks))
    {
        if (!rc && !stop && queued < job->blocks && started - finished < a->count)
        {
            /* a free buffer: read the next chunk into it and queue its WRITE */
            ahead_task *t = &tasks[started % a->count];
            uint32_t count = job->blocks - queued < per_buffer ? job->blocks - queued : per_buffer;
            int r = core_read_full(job->source, a->buffers[started % a->count], (size_t)count * job->block_size);
            if (r)
            {
                rc = r == CORE_IO_SHORT || r > 0 ? MMC_HR_FAIL : r;
                stop = 1;
                continue;
            }
            t->job = job;
            t->stop = &stop;
            t->buf = a->buffers[started % a->count];
            t->lba = job->start_lba + (int32_t)queued;
            t->count = count;
            t->per_command = per_command;
            t->written = 0;
            t->hr = 0;
            t->ran = 0;
            queued += count;
            p->last_read_lba = job->start_lba + (int32_t)queued - 1;
            p->buffer_used += count * job->block_size;
            a->start(a->ctx, ahead_run, t);
            started++;
        }
        else
        {
            /* every buffer is queued (or nothing is left to read): wait for the oldest */
            ahead_task *t = &tasks[finished % a->count];
            a->wait(a->ctx);
            finished++;
            p->buffer_used -= t->count * job->block_size;
            if (t->hr && !write_hr) write_hr = t->hr;
            if (t->written)
            {
                done += t->written;
                p->last_written_lba = job->start_lba + (int32_t)done - 1;
            }
        }
        if (!rc && !stop && due(job, *last) && report(job, p, last))
        {
            rc = E_IMAPI_REQUEST_CANCELLED;
            stop = 1;
        }
    }
    /* the drive's own failure names what went wrong first: it is about earlier blocks
     * than a later read error, and it happened whether or not a cancel followed */
    return write_hr ? write_hr : rc;
}

static int32_t write_blocks(const mmc_write_job *job, mmc_write_progress *pp)
{
    uint32_t per_command, done = 0;
    uint64_t last = 0;

    if (!job->transport || !job->source || (!job->buffer && !job->ahead) || !job->block_size
        || job->buffer_size < job->block_size)
        return MMC_HR_INVALIDARG;
    if (job->ahead && (job->ahead->count < 2 || job->ahead->count > MMC_WRITE_AHEAD_MAX || !job->ahead->start
                       || !job->ahead->wait || job->ahead->buffer_size % job->block_size
                       || (job->ahead->buffer_size && job->ahead->buffer_size < job->buffer_size)))
        return MMC_HR_INVALIDARG;
    /* WRITE(10) carries a 16-bit transfer length. */
    per_command = job->buffer_size / job->block_size;
    if (per_command > 0xffff) per_command = 0xffff;

    memset(pp, 0, sizeof(*pp));
    pp->start_lba = job->start_lba;
    pp->sector_count = job->blocks;
    pp->last_read_lba = pp->last_written_lba = job->start_lba - 1;
    pp->buffer_total = mmc_write_staging_bytes(job->ahead, job->buffer_size);
    if (report(job, pp, &last)) return E_IMAPI_REQUEST_CANCELLED;

    if (job->ahead)
    {
        int32_t hr = write_ahead(job, per_command, pp, &last);
        if (hr) return hr;
        report(job, pp, &last);
        return 0;
    }

    while (done < job->blocks)
    {
        uint32_t count = job->blocks - done < per_command ? job->blocks - done : per_command;
        size_t bytes = (size_t)count * job->block_size;
        int r = core_read_full(job->source, job->buffer, bytes);
        int32_t hr;

        if (r == CORE_IO_SHORT) return MMC_HR_FAIL;
        if (r) return r < 0 ? r : MMC_HR_FAIL;
        pp->last_read_lba = job->start_lba + (int32_t)(done + count) - 1;
        pp->buffer_used = (uint32_t)bytes;
        if (due(job, last) && report(job, pp, &last)) return E_IMAPI_REQUEST_CANCELLED;

        if ((hr = send_write(job, job->buffer, job->start_lba + (int32_t)done, count))) return hr;
        done += count;
        pp->last_written_lba = job->start_lba + (int32_t)done - 1;
        pp->buffer_used = 0;
        if (done < job->blocks && due(job, last) && report(job, pp, &last)) return E_IMAPI_REQUEST_CANCELLED;
    }
    /* The final report cannot cancel what is already written. */
    report(job, pp, &last);
    return 0;
}

uint32_t mmc_write_staging_bytes(const mmc_write_ahead *a, uint32_t buffer_size)
{
    return a ? (a->buffer_size ? a->buffer_size : buffer_size) * a->count : buffer_size;
}

int32_t mmc_write_blocks(const mmc_write_job *job)
{
    mmc_write_progress p;
    int32_t hr;
    memset(&p, 0, sizeof(p));
    hr = write_blocks(job, &p);
    if (job && job->final) *job->final = p;
    return hr;
}
