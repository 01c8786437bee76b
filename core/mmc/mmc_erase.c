/* The EraseMedia recipe; the steps and their HRESULTs are in mmc_erase.h. */
#include <string.h>
#include "mmc_erase.h"
#include "mmc_defs.h"
#include "mmc_media.h"

#define SPINUP_WAIT_MS   30000u
#define ONE_HOUR_MS      3600000u
#define DEFAULT_POLL_MS  500u

int mmc_sense_progress(const uint8_t *sense, size_t len, uint32_t *fraction)
{
    /* fixed format: SKSV is bit 7 of byte 15, the progress indication bytes 16-17 */
    if (!sense || len < 18 || (sense[0] & 0x7E) != 0x70 || sense[7] < 10 || !(sense[15] & 0x80)) return 0;
    *fraction = (uint32_t)sense[16] << 8 | sense[17];
    return 1;
}

static unsigned asc_ascq(const mmc_sense *s)
{
    return (unsigned)s->asc << 8 | s->ascq;
}

/* Not ready because an operation runs (or the medium spins up): still erasing. */
static int in_progress(const mmc_sense *s)
{
    unsigned a = asc_ascq(s);
    return s->key == SK_NOT_READY && (a == MMC_ASCQ_BECOMING_READY || a == MMC_ASCQ_FORMAT_IN_PROGRESS ||
                                      a == MMC_ASCQ_OPERATION_IN_PROGRESS || a == MMC_ASCQ_LONG_WRITE_IN_PROGRESS);
}

static int transport_failed(const mmc_device *d)
{
    return d->last_status != MMC_STATUS_GOOD && d->last_status != MMC_STATUS_CHECK_CONDITION;
}

static int32_t spin_up(mmc_device *d, const mmc_erase_job *job)
{
    uint64_t start = job->now_ms(job->ctx);
    mmc_command c;
    int32_t hr;

    mmc_cdb_start_stop_unit(&c, MMC_SSU_START, 0);
    hr = mmc_dev_execute(d, &c);
    /* a drive without START STOP UNIT spins up on its own */
    if (hr && !(d->last_status == MMC_STATUS_CHECK_CONDITION && d->last_sense.key == SK_ILLEGAL_REQUEST &&
                asc_ascq(&d->last_sense) == MMC_ASCQ_INVALID_COMMAND_OPCODE))
        return transport_failed(d) ? hr : E_IMAPI_ERASE_DRIVE_FAILED_SPINUP_COMMAND;
    for (;;)
    {
        mmc_cdb_test_unit_ready(&c);
        if (!(hr = mmc_dev_execute(d, &c))) return 0;
        if (transport_failed(d)) return hr;
        if (!(d->last_sense.key == SK_NOT_READY && asc_ascq(&d->last_sense) == MMC_ASCQ_BECOMING_READY) ||
            job->now_ms(job->ctx) - start > SPINUP_WAIT_MS)
            return E_IMAPI_ERASE_DRIVE_FAILED_SPINUP_COMMAND;
        job->sleep_ms(job->ctx, 100);
    }
}

static uint32_t first_estimate_s(uint16_t profile, int full)
{
    if (!full) return 60;
    return profile == MMC_PROFILE_CD_REWRITABLE ? 600 : 3600;
}

static void report(const mmc_erase_job *job, uint64_t elapsed_ms, uint32_t *estimate_s, int have_fraction,
                   uint32_t fraction)
{
    uint32_t elapsed_s = (uint32_t)(elapsed_ms / 1000);
    if (have_fraction && fraction)
    {
        uint64_t total_ms = elapsed_ms * 65536u / fraction;
        *estimate_s = (uint32_t)((total_ms + 999) / 1000);
    }
    if (*estimate_s <= elapsed_s) *estimate_s = elapsed_s + 1;   /* not done yet */
    if (job->progress) job->progress(job->ctx, elapsed_s, *estimate_s);
}

/* Polls until the drive is ready again. */
static int32_t wait_blank(mmc_device *d, const mmc_erase_job *job, uint64_t start, uint32_t *estimate_s)
{
    unsigned poll = job->poll_ms ? job->poll_ms : DEFAULT_POLL_MS;
    mmc_command c;
    int32_t hr;

    for (;;)
    {
        uint32_t fraction = 0;
        int have = 0;
        uint64_t elapsed;

        job->sleep_ms(job->ctx, poll);
        elapsed = job->now_ms(job->ctx) - start;
        mmc_cdb_test_unit_ready(&c);
        if (!(hr = mmc_dev_execute(d, &c))) return 0;
        if (transport_failed(d)) return hr;
        if (d->last_sense.key == SK_MEDIUM_ERROR) return E_IMAPI_ERASE_TOOK_LONGER_THAN_ONE_HOUR;
        if (!in_progress(&d->last_sense)) return E_IMAPI_ERASE_UNEXPECTED_DRIVE_RESPONSE_DURING_ERASE;
        if (elapsed > ONE_HOUR_MS) return E_IMAPI_ERASE_TOOK_LONGER_THAN_ONE_HOUR;
        have = mmc_sense_progress(d->last_sense_raw, sizeof(d->last_sense_raw), &fraction);
        if (!have)
        {
            uint8_t sense[MMC_SENSE_LEN];
            mmc_cdb_request_sense(&c, sense, sizeof(sense), 0);
            if (!mmc_dev_execute(d, &c)) have = mmc_sense_progress(sense, c.transferred, &fraction);
            else if (transport_failed(d)) return E_IMAPI_ERASE_UNEXPECTED_DRIVE_RESPONSE_DURING_ERASE;
        }
        report(job, elapsed, estimate_s, have, fraction);
    }
}

int32_t mmc_erase(mmc_device *d, const mmc_erase_job *job)
{
    mmc_media_facts f;
    int32_t hr;

    if ((hr = mmc_media_query(d, &f))) return hr;
    if (!f.present) return E_IMAPI_RECORDER_MEDIA_NO_MEDIA;
    if (!mmc_format_writes_profile(MMC_FORMAT_ERASE, f.profile)) return E_IMAPI_ERASE_MEDIA_IS_NOT_SUPPORTED;
    if (f.write_protect) return E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED;
    return mmc_erase_blank(d, job, f.profile);
}

int32_t mmc_erase_blank(mmc_device *d, const mmc_erase_job *job, uint16_t profile)
{
    mmc_disc_info di;
    mmc_command c;
    uint64_t start;
    uint32_t estimate_s;
    int32_t hr;

    if ((hr = spin_up(d, job))) return hr;
    if ((hr = mmc_dev_disc_info(d, &di, NULL, NULL)))
        return hr == E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE ? E_IMAPI_ERASE_DISC_INFORMATION_TOO_SMALL : hr;
    if (!di.erasable) return E_IMAPI_ERASE_MEDIA_IS_NOT_ERASABLE;

    mmc_cdb_blank(&c, job->full ? MMC_BLANK_FULL : MMC_BLANK_MINIMAL, 0, 1);
    start = job->now_ms(job->ctx);
    if ((hr = mmc_dev_execute(d, &c)))
    {
        if (transport_failed(d) || hr == E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED || hr == E_IMAPI_RECORDER_MEDIA_NO_MEDIA)
            return hr;
        return E_IMAPI_ERASE_DRIVE_FAILED_ERASE_COMMAND;
    }
    estimate_s = first_estimate_s(profile, job->full);
    if (job->progress) job->progress(job->ctx, 0, estimate_s);
    if ((hr = wait_blank(d, job, start, &estimate_s))) return hr;

    if ((hr = mmc_dev_disc_info(d, &di, NULL, NULL))) return hr;
    if (di.disc_status != MMC_DISC_BLANK) return E_IMAPI_ERASE_UNEXPECTED_DRIVE_RESPONSE_DURING_ERASE;
    if (job->progress)
    {
        uint32_t elapsed_s = (uint32_t)((job->now_ms(job->ctx) - start) / 1000);
        job->progress(job->ctx, elapsed_s, elapsed_s);
    }
    return 0;
}
