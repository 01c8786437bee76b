/* The erase recipe (core/mmc/mmc_erase.c) against the scripted fake transport, replies
 * laid out by hand from MMC-6 / SPC: BLANK with Immed and the blanking type, progress
 * taken from the sense-key specific bytes of TEST UNIT READY or REQUEST SENSE, the
 * estimate, and the E_IMAPI_ERASE_* answer of every failure. A fake clock advances by
 * the sleeps, so nothing waits. */
#include <string.h>
#include "check.h"
#include "fake_transport.h"
#include "mmc/mmc_erase.h"
#include "mmc/mmc_defs.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static fake_transport ft;
static mmc_device dev;
static uint64_t clock_ms;
static unsigned nprog;
static uint32_t prog_elapsed[64], prog_total[64];

static uint64_t now(void *ctx) { (void)ctx; return clock_ms; }
static void nap(void *ctx, unsigned ms) { (void)ctx; clock_ms += ms; }
static void progress(void *ctx, uint32_t e, uint32_t t)
{
    (void)ctx;
    if (nprog < 64) { prog_elapsed[nprog] = e; prog_total[nprog] = t; }
    nprog++;
}

static int32_t run(const fake_reply *r, size_t n, int full, uint16_t profile)
{
    mmc_erase_job job = { full, 500, now, nap, progress, NULL };
    fake_init(&ft, r, n);
    mmc_dev_init(&dev, &ft.base);
    clock_ms = 1000;
    nprog = 0;
    return mmc_erase_blank(&dev, &job, profile);
}

/* READ DISC INFORMATION: 34 bytes, status byte 2 as given */
#define DISC_INFO(name, byte2) static const uint8_t name[34] = { 0x00, 0x20, byte2, 1, 1, 1, 1, 0x00 }
DISC_INFO(di_written_rw, 0x10 | 0x0C | 0x02);   /* erasable, complete session, complete disc */
DISC_INFO(di_blank_rw, 0x10);                   /* erasable, blank */
DISC_INFO(di_not_erasable, 0x0E);
static const uint8_t di_short[6] = { 0x00, 0x04, 0x10, 1, 1, 1 };

/* 02/04/07 with progress fraction p (SKSV set) */
#define PROGRESS_SENSE(name, key, ascq, p) static const uint8_t name[18] = { 0x70, 0, key, 0, 0, 0, 0, 10, \
    0, 0, 0, 0, 0x04, ascq, 0, 0x80, (uint8_t)((p) >> 8), (uint8_t)(p) }
PROGRESS_SENSE(busy_quarter, 0x02, 0x07, 0x4000);
PROGRESS_SENSE(busy_half, 0x02, 0x07, 0x8000);
PROGRESS_SENSE(rs_half, 0x00, 0x07, 0x8000);           /* REQUEST SENSE data: NO SENSE + progress */
static const uint8_t busy_no_sksv[18] = { 0x70, 0, 0x02, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x04, 0x07 };

#define SSU_GOOD { .opcode = MMC_START_STOP_UNIT }
#define TUR_GOOD { .opcode = MMC_TEST_UNIT_READY }

static void test_quick_cd_rw(void)
{
    const fake_reply r[] = {
        SSU_GOOD,
        { .opcode = MMC_TEST_UNIT_READY, .uses = 1 },                                 /* spin-up check */
        { .opcode = MMC_READ_DISC_INFORMATION, .uses = 1, .data = di_written_rw, .data_len = 34 },
        { .opcode = MMC_BLANK },
        { .opcode = MMC_TEST_UNIT_READY, .uses = 1, .status = MMC_STATUS_CHECK_CONDITION, .raw_sense = busy_quarter },
        { .opcode = MMC_TEST_UNIT_READY, .uses = 1, .status = MMC_STATUS_CHECK_CONDITION, .raw_sense = busy_half },
        TUR_GOOD,
        { .opcode = MMC_READ_DISC_INFORMATION, .data = di_blank_rw, .data_len = 34 },
    };
    const uint8_t *blank;
    unsigned i;

    CHECK_EQ_INT(run(r, N(r), 0, MMC_PROFILE_CD_REWRITABLE), 0);
    /* SSU, TUR, RDI, BLANK, TUR x3, RDI */
    CHECK_EQ_INT(ft.calls, 8);
    blank = fake_cdb(&ft, 3);
    CHECK_EQ_INT(blank[0], MMC_BLANK);
    CHECK_EQ_INT(blank[1], 0x10 | 0x01);      /* Immed, minimal blank */
    CHECK_EQ_INT(blank[2] | blank[3] | blank[4] | blank[5], 0);
    CHECK_EQ_INT(fake_cdb(&ft, 0)[4] & 0x03, 0x01);   /* START STOP UNIT: Start, no LoEj */
    /* progress: at BLANK (0 of 60), after each busy poll, at the end */
    CHECK_EQ_INT(nprog, 4);
    CHECK_EQ_INT(prog_elapsed[0], 0);
    CHECK_EQ_INT(prog_total[0], 60);
    /* 0.5 s at 1/4: 2 s in total; 1 s at 1/2: 2 s */
    CHECK_EQ_INT(prog_elapsed[1], 0);
    CHECK_EQ_INT(prog_total[1], 2);
    CHECK_EQ_INT(prog_elapsed[2], 1);
    CHECK_EQ_INT(prog_total[2], 2);
    CHECK_EQ_INT(prog_elapsed[3], prog_total[3]);
    for (i = 1; i < 4; i++) CHECK(prog_elapsed[i] >= prog_elapsed[i - 1]);
}

static void test_full_dvd_rw_request_sense(void)
{
    /* TUR without SKSV: the progress comes from REQUEST SENSE */
    const fake_reply r[] = {
        SSU_GOOD,
        { .opcode = MMC_TEST_UNIT_READY, .uses = 1 },
        { .opcode = MMC_READ_DISC_INFORMATION, .uses = 1, .data = di_written_rw, .data_len = 34 },
        { .opcode = MMC_BLANK },
        { .opcode = MMC_TEST_UNIT_READY, .uses = 1, .status = MMC_STATUS_CHECK_CONDITION, .raw_sense = busy_no_sksv },
        { .opcode = MMC_REQUEST_SENSE, .data = rs_half, .data_len = 18 },
        TUR_GOOD,
        { .opcode = MMC_READ_DISC_INFORMATION, .data = di_blank_rw, .data_len = 34 },
    };
    CHECK_EQ_INT(run(r, N(r), 1, MMC_PROFILE_DVD_DASH_RW_SEQUENTIAL), 0);
    CHECK_EQ_INT(fake_cdb(&ft, 3)[1], 0x10);          /* Immed, full blank */
    CHECK_EQ_INT(fake_cdb(&ft, 5)[0], MMC_REQUEST_SENSE);
    CHECK_EQ_INT(nprog, 3);
    CHECK_EQ_INT(prog_total[0], 3600);                /* full DVD-RW before any fraction */
    CHECK_EQ_INT(prog_total[1], 1);                   /* 0.5 s at one half */
}

static void test_failures(void)
{
    const fake_reply not_erasable[] = { SSU_GOOD, TUR_GOOD,
        { .opcode = MMC_READ_DISC_INFORMATION, .data = di_not_erasable, .data_len = 34 } };
    const fake_reply short_di[] = { SSU_GOOD, TUR_GOOD,
        { .opcode = MMC_READ_DISC_INFORMATION, .data = di_short, .data_len = 6 } };
    const fake_reply ssu_fails[] = { { .opcode = MMC_START_STOP_UNIT, .status = MMC_STATUS_CHECK_CONDITION,
                                       .key = 0x04, .asc = 0x44, .ascq = 0x00 } };
    const fake_reply never_ready[] = { SSU_GOOD, { .opcode = MMC_TEST_UNIT_READY, .status = MMC_STATUS_CHECK_CONDITION,
                                                   .key = 0x02, .asc = 0x04, .ascq = 0x01 } };
    const fake_reply no_ssu[] = { TUR_GOOD, { .opcode = MMC_READ_DISC_INFORMATION, .data = di_not_erasable, .data_len = 34 } };
    const fake_reply blank_refused[] = { SSU_GOOD, TUR_GOOD,
        { .opcode = MMC_READ_DISC_INFORMATION, .data = di_written_rw, .data_len = 34 },
        { .opcode = MMC_BLANK, .status = MMC_STATUS_CHECK_CONDITION, .key = 0x05, .asc = 0x64, .ascq = 0x00 } };
    const fake_reply blank_protected[] = { SSU_GOOD, TUR_GOOD,
        { .opcode = MMC_READ_DISC_INFORMATION, .data = di_written_rw, .data_len = 34 },
        { .opcode = MMC_BLANK, .status = MMC_STATUS_CHECK_CONDITION, .key = 0x07, .asc = 0x27, .ascq = 0x00 } };
    const fake_reply blank_timeout[] = { SSU_GOOD, TUR_GOOD,
        { .opcode = MMC_READ_DISC_INFORMATION, .data = di_written_rw, .data_len = 34 },
        { .opcode = MMC_BLANK, .status = MMC_STATUS_TIMEOUT } };
    const fake_reply odd_poll[] = { SSU_GOOD, { .opcode = MMC_TEST_UNIT_READY, .uses = 1 },
        { .opcode = MMC_READ_DISC_INFORMATION, .data = di_written_rw, .data_len = 34 },
        { .opcode = MMC_BLANK },
        { .opcode = MMC_TEST_UNIT_READY, .status = MMC_STATUS_CHECK_CONDITION, .key = 0x05, .asc = 0x24, .ascq = 0x00 } };
    const fake_reply bad_media[] = { SSU_GOOD, { .opcode = MMC_TEST_UNIT_READY, .uses = 1 },
        { .opcode = MMC_READ_DISC_INFORMATION, .data = di_written_rw, .data_len = 34 },
        { .opcode = MMC_BLANK },
        { .opcode = MMC_TEST_UNIT_READY, .status = MMC_STATUS_CHECK_CONDITION, .key = 0x03, .asc = 0x0C, .ascq = 0x00 } };
    const fake_reply forever[] = { SSU_GOOD, { .opcode = MMC_TEST_UNIT_READY, .uses = 1 },
        { .opcode = MMC_READ_DISC_INFORMATION, .data = di_written_rw, .data_len = 34 },
        { .opcode = MMC_BLANK },
        { .opcode = MMC_TEST_UNIT_READY, .status = MMC_STATUS_CHECK_CONDITION, .raw_sense = busy_half } };
    const fake_reply still_written[] = { SSU_GOOD, TUR_GOOD,
        { .opcode = MMC_READ_DISC_INFORMATION, .data = di_written_rw, .data_len = 34 },
        { .opcode = MMC_BLANK } };

    CHECK_EQ_INT(run(not_erasable, N(not_erasable), 0, MMC_PROFILE_CD_REWRITABLE), E_IMAPI_ERASE_MEDIA_IS_NOT_ERASABLE);
    CHECK_EQ_INT(run(short_di, N(short_di), 0, MMC_PROFILE_CD_REWRITABLE), E_IMAPI_ERASE_DISC_INFORMATION_TOO_SMALL);
    CHECK_EQ_INT(run(ssu_fails, N(ssu_fails), 0, MMC_PROFILE_CD_REWRITABLE), E_IMAPI_ERASE_DRIVE_FAILED_SPINUP_COMMAND);
    CHECK_EQ_INT(run(never_ready, N(never_ready), 0, MMC_PROFILE_CD_REWRITABLE), E_IMAPI_ERASE_DRIVE_FAILED_SPINUP_COMMAND);
    CHECK(clock_ms >= 30000);                       /* it waited for the spin-up */
    /* START STOP UNIT unknown to the drive (05/20/00 from the fake): not a failure */
    CHECK_EQ_INT(run(no_ssu, N(no_ssu), 0, MMC_PROFILE_CD_REWRITABLE), E_IMAPI_ERASE_MEDIA_IS_NOT_ERASABLE);
    CHECK_EQ_INT(run(blank_refused, N(blank_refused), 0, MMC_PROFILE_CD_REWRITABLE), E_IMAPI_ERASE_DRIVE_FAILED_ERASE_COMMAND);
    CHECK_EQ_INT(nprog, 0);
    CHECK_EQ_INT(run(blank_protected, N(blank_protected), 0, MMC_PROFILE_CD_REWRITABLE), E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED);
    CHECK_EQ_INT(run(blank_timeout, N(blank_timeout), 0, MMC_PROFILE_CD_REWRITABLE), E_IMAPI_RECORDER_COMMAND_TIMEOUT);
    CHECK_EQ_INT(run(odd_poll, N(odd_poll), 0, MMC_PROFILE_CD_REWRITABLE), E_IMAPI_ERASE_UNEXPECTED_DRIVE_RESPONSE_DURING_ERASE);
    CHECK_EQ_INT(run(bad_media, N(bad_media), 1, MMC_PROFILE_CD_REWRITABLE), E_IMAPI_ERASE_TOOK_LONGER_THAN_ONE_HOUR);
    CHECK_EQ_INT(run(forever, N(forever), 1, MMC_PROFILE_DVD_DASH_RW_RESTRICTED), E_IMAPI_ERASE_TOOK_LONGER_THAN_ONE_HOUR);
    CHECK(clock_ms >= 1000 + 3600000);
    CHECK(nprog > 7000);                            /* every 0.5 s for an hour */
    CHECK_EQ_INT(run(still_written, N(still_written), 0, MMC_PROFILE_CD_REWRITABLE),
                 E_IMAPI_ERASE_UNEXPECTED_DRIVE_RESPONSE_DURING_ERASE);
}

static void test_sense_progress(void)
{
    uint32_t f = 7;
    uint8_t s[18];
    memcpy(s, busy_quarter, 18);
    CHECK(mmc_sense_progress(s, 18, &f) && f == 0x4000);
    s[15] = 0;                        /* SKSV clear */
    f = 7;
    CHECK(!mmc_sense_progress(s, 18, &f) && f == 7);
    CHECK(!mmc_sense_progress(busy_quarter, 17, &f));
    memcpy(s, busy_quarter, 18);
    s[0] = 0x72;                      /* descriptor format: not parsed here */
    CHECK(!mmc_sense_progress(s, 18, &f));
}

int main(void)
{
    test_quick_cd_rw();
    test_full_dvd_rw_request_sense();
    test_failures();
    test_sense_progress();
    return check_finish("test_mmc_erase");
}
