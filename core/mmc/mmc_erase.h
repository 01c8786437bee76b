/* The IDiscFormat2Erase::EraseMedia recipe: BLANK of CD-RW and DVD-RW (sequential or
 * restricted overwrite), quick (minimal blank) or full, with the drive's progress polled
 * until it is ready again.
 *
 * Steps and the HRESULT each failure gives (the E_IMAPI_ERASE_* codes are imapi2error.h's):
 *  1. media facts (mmc_media_query); a failing query: the recorder's HRESULT;
 *     no medium: E_IMAPI_RECORDER_MEDIA_NO_MEDIA; a profile the Erase format does not
 *     take (mmc_format_writes_profile: CD-RW, DVD-RW): E_IMAPI_ERASE_MEDIA_IS_NOT_SUPPORTED [doc];
 *     write protected: E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED.
 *  2. spin-up: START STOP UNIT (start), then TEST UNIT READY until ready (becoming ready
 *     is waited for, at most 30 s): any failure but the drive refusing the opcode:
 *     E_IMAPI_ERASE_DRIVE_FAILED_SPINUP_COMMAND [doc].
 *  3. READ DISC INFORMATION: a reply too short to hold the Erasable bit:
 *     E_IMAPI_ERASE_DISC_INFORMATION_TOO_SMALL [doc]; Erasable clear:
 *     E_IMAPI_ERASE_MEDIA_IS_NOT_ERASABLE [doc].
 *  4. BLANK, Immed set, blanking type 0 (full) or 1 (minimal = quick). Refused: write
 *     protection and a vanished medium keep their recorder HRESULTs, transport failures
 *     theirs (timeout, device gone), anything else E_IMAPI_ERASE_DRIVE_FAILED_ERASE_COMMAND.
 *  5. every poll_ms (500 by default: the documented Update rate) TEST UNIT READY: GOOD
 *     ends the wait; NOT READY 04/04, 04/07 or 04/08 (format / operation / long write in
 *     progress) or 04/01 (becoming ready) means still erasing, with the fraction done in
 *     the sense-key specific bytes when SKSV is set (else REQUEST SENSE is asked for it);
 *     a medium error (sense key 3): E_IMAPI_ERASE_TOOK_LONGER_THAN_ONE_HOUR (the code
 *     Windows uses for "erase failed, bad media" [doc]); more than an hour:
 *     E_IMAPI_ERASE_TOOK_LONGER_THAN_ONE_HOUR; any other answer:
 *     E_IMAPI_ERASE_UNEXPECTED_DRIVE_RESPONSE_DURING_ERASE [doc].
 *  6. READ DISC INFORMATION again: a disc that is not blank now:
 *     E_IMAPI_ERASE_UNEXPECTED_DRIVE_RESPONSE_DURING_ERASE.
 * The progress callback runs after the BLANK is accepted, after every poll and once at
 * the end (elapsed == estimated). [undoc] The estimate before the drive reports a fraction:
 * minimal blank 60 s, full blank of CD-RW 10 min, of DVD-RW 60 min (nominal 1x-2x
 * blanking times); then elapsed / fraction, never below elapsed + 1 s until done. */
#ifndef IMAPI_MMC_ERASE_H
#define IMAPI_MMC_ERASE_H

#include <stdint.h>
#include "mmc_device.h"

typedef struct mmc_erase_job
{
    int full;                       /* full blank, else minimal (quick) */
    unsigned poll_ms;               /* 0: 500 */
    /* The clock and the sleep (core/mmc has no OS calls). */
    uint64_t (*now_ms)(void *ctx);
    void (*sleep_ms)(void *ctx, unsigned ms);
    /* Progress in seconds; may be NULL. */
    void (*progress)(void *ctx, uint32_t elapsed_s, uint32_t estimated_total_s);
    void *ctx;
} mmc_erase_job;

/* Runs the recipe on the drive; S_OK when the disc is blank afterwards. */
int32_t mmc_erase(mmc_device *d, const mmc_erase_job *job);

/* Steps 2-6 for a medium of the given profile (step 1 already done by the caller). */
int32_t mmc_erase_blank(mmc_device *d, const mmc_erase_job *job, uint16_t profile);

/* The progress indication of fixed-format sense (SKSV set, bytes 16-17, in 1/65536);
 * returns 0 and leaves *fraction alone when absent. Exposed for tests. */
int mmc_sense_progress(const uint8_t *sense, size_t len, uint32_t *fraction);

#endif
