/* The sense -> HRESULT table: real drive sense from the brief and MMC-6, opcode
 * dependence, wildcards, retry flags, transport status, and reachability of
 * every E_IMAPI_RECORDER_* code that can stem from a drive answer. */
#include "check.h"
#include "mmc/mmc_sense.h"

static int32_t map(uint8_t op, uint8_t key, uint8_t asc, uint8_t ascq, unsigned *flags)
{
    mmc_sense s = { 0x70, 0, key, asc, ascq };
    unsigned f;
    int32_t hr = mmc_sense_to_hresult(op, &s, &f);
    if (flags)
        *flags = f;
    return hr;
}

#define M(op, k, a, q) map(op, k, a, q, NULL)

static void test_examples(void)
{
    unsigned f;

    /* no medium, whatever the tray state */
    CHECK_EQ_INT(M(MMC_TEST_UNIT_READY, 2, 0x3A, 0x00), E_IMAPI_RECORDER_MEDIA_NO_MEDIA);
    CHECK_EQ_INT(M(MMC_TEST_UNIT_READY, 2, 0x3A, 0x01), E_IMAPI_RECORDER_MEDIA_NO_MEDIA);
    CHECK_EQ_INT(M(MMC_READ_DISC_INFORMATION, 2, 0x3A, 0x02), E_IMAPI_RECORDER_MEDIA_NO_MEDIA);
    /* readiness */
    CHECK_EQ_INT(M(MMC_TEST_UNIT_READY, 2, 0x04, 0x01), E_IMAPI_RECORDER_MEDIA_BECOMING_READY);
    CHECK_EQ_INT(M(MMC_TEST_UNIT_READY, 2, 0x04, 0x00), E_IMAPI_RECORDER_MEDIA_BECOMING_READY);
    CHECK_EQ_INT(M(MMC_TEST_UNIT_READY, 2, 0x04, 0x04), E_IMAPI_RECORDER_MEDIA_FORMAT_IN_PROGRESS);
    CHECK_EQ_INT(M(MMC_WRITE10, 2, 0x04, 0x07), E_IMAPI_RECORDER_MEDIA_BUSY);
    CHECK_EQ_INT(M(MMC_WRITE10, 2, 0x04, 0x08), E_IMAPI_RECORDER_MEDIA_BUSY);
    CHECK_EQ_INT(M(MMC_WRITE10, 2, 0x04, 0x09), E_IMAPI_RECORDER_MEDIA_BUSY);   /* 04 wildcard */
    CHECK_EQ_INT(M(MMC_TEST_UNIT_READY, 2, 0x3E, 0x00), E_IMAPI_RECORDER_MEDIA_BECOMING_READY);
    CHECK_EQ_INT(M(MMC_TEST_UNIT_READY, 2, 0x57, 0x00), E_IMAPI_RECORDER_MEDIA_UPSIDE_DOWN);
    CHECK_EQ_INT(M(MMC_READ_TOC_PMA_ATIP, 3, 0x57, 0x00), E_IMAPI_RECORDER_MEDIA_UPSIDE_DOWN);
    /* incompatible media: all of 30/00..30/06 */
    for (uint8_t q = 0; q <= 6; q++)
    {
        CHECK_EQ_INT(M(MMC_READ10, 5, 0x30, q), E_IMAPI_RECORDER_MEDIA_INCOMPATIBLE);
        CHECK_EQ_INT(M(MMC_READ10, 2, 0x30, q), E_IMAPI_RECORDER_MEDIA_INCOMPATIBLE);
    }
    CHECK_EQ_INT(M(MMC_FORMAT_UNIT, 5, 0x30, 0x06), E_IMAPI_RECORDER_MEDIA_INCOMPATIBLE);
    CHECK_EQ_INT(M(MMC_READ10, 2, 0x30, 0x10), E_IMAPI_RECORDER_MEDIA_NOT_FORMATTED);
    CHECK_EQ_INT(M(MMC_READ10, 3, 0x31, 0x00), E_IMAPI_RECORDER_MEDIA_NOT_FORMATTED);
    CHECK_EQ_INT(M(MMC_READ10, 5, 0x6F, 0x03), E_IMAPI_RECORDER_MEDIA_INCOMPATIBLE);
    CHECK_EQ_INT(M(MMC_READ_CD, 5, 0x64, 0x00), E_IMAPI_RECORDER_MEDIA_INCOMPATIBLE);
    CHECK_EQ_INT(M(MMC_WRITE10, 5, 0x64, 0x00), E_IMAPI_RECORDER_INVALID_MODE_PARAMETERS);
    CHECK_EQ_INT(M(MMC_WRITE12, 5, 0x64, 0x00), E_IMAPI_RECORDER_INVALID_MODE_PARAMETERS);

    /* opcode-dependent meanings of 05/24/00 and friends */
    CHECK_EQ_INT(M(MMC_MODE_SENSE10, 5, 0x24, 0x00), E_IMAPI_RECORDER_NO_SUCH_MODE_PAGE);
    CHECK_EQ_INT(M(MMC_MODE_SELECT10, 5, 0x24, 0x00), E_IMAPI_RECORDER_INVALID_MODE_PARAMETERS);
    CHECK_EQ_INT(M(MMC_MODE_SELECT10, 5, 0x26, 0x00), E_IMAPI_RECORDER_INVALID_MODE_PARAMETERS);
    CHECK_EQ_INT(M(MMC_MODE_SELECT10, 5, 0x26, 0x02), E_IMAPI_RECORDER_INVALID_MODE_PARAMETERS);
    CHECK_EQ_INT(M(MMC_MODE_SELECT10, 5, 0x1A, 0x00), E_IMAPI_RECORDER_INVALID_MODE_PARAMETERS);
    CHECK_EQ_INT(M(MMC_READ_DISC_STRUCTURE, 5, 0x24, 0x00), E_IMAPI_RECORDER_DVD_STRUCTURE_NOT_PRESENT);
    CHECK_EQ_INT(M(MMC_SET_CD_SPEED, 5, 0x24, 0x00), E_IMAPI_RECORDER_MEDIA_SPEED_MISMATCH);
    CHECK_EQ_INT(M(MMC_SET_STREAMING, 5, 0x24, 0x00), E_IMAPI_RECORDER_MEDIA_SPEED_MISMATCH);
    CHECK_EQ_INT(M(MMC_SET_STREAMING, 5, 0x26, 0x00), E_IMAPI_RECORDER_MEDIA_SPEED_MISMATCH);
    CHECK_EQ_INT(M(MMC_GET_CONFIGURATION, 5, 0x20, 0x00), E_IMAPI_RECORDER_GET_CONFIGURATION_NOT_SUPPORTED);
    /* ...and the same sense on other commands */
    CHECK_EQ_INT(M(MMC_READ_TRACK_INFORMATION, 5, 0x24, 0x00), E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE);
    CHECK_EQ_INT(M(MMC_GET_PERFORMANCE, 5, 0x20, 0x00), E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE);
    CHECK_EQ_INT(M(MMC_WRITE10, 5, 0x26, 0x00), E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE);

    /* write protection */
    CHECK_EQ_INT(M(MMC_WRITE10, 7, 0x27, 0x00), E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED);
    CHECK_EQ_INT(M(MMC_WRITE10, 7, 0x27, 0x05), E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED);
    CHECK_EQ_INT(M(MMC_WRITE10, 5, 0x27, 0x00), E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED);

    /* writing */
    CHECK_EQ_INT(M(MMC_WRITE10, 3, 0x0C, 0x09), E_IMAPI_LOSS_OF_STREAMING);
    CHECK_EQ_INT(M(MMC_WRITE10, 3, 0x0C, 0x00), E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE);
    CHECK_EQ_INT(M(MMC_WRITE10, 3, 0x0C, 0x07), E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE);
    CHECK_EQ_INT(M(MMC_WRITE10, 5, 0x21, 0x02), E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE);
    CHECK_EQ_INT(M(MMC_WRITE10, 5, 0x2C, 0x00), E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE);

    /* success keys */
    CHECK_EQ_INT(M(MMC_READ10, 1, 0x17, 0x01), 0);
    CHECK_EQ_INT(M(MMC_READ10, 0, 0x00, 0x00), 0);

    /* unit attention: retryable */
    CHECK_EQ_INT(map(MMC_READ10, 6, 0x28, 0x00, &f), E_IMAPI_RECORDER_MEDIA_BECOMING_READY);
    CHECK_EQ_INT(f, MMC_SENSE_RETRY | MMC_SENSE_UNIT_ATTENTION);
    CHECK_EQ_INT(map(MMC_READ10, 6, 0x29, 0x00, &f), E_IMAPI_RECORDER_MEDIA_BECOMING_READY);
    CHECK_EQ_INT(f, MMC_SENSE_RETRY | MMC_SENSE_UNIT_ATTENTION);
    CHECK_EQ_INT(map(MMC_READ10, 6, 0x29, 0x03, &f), E_IMAPI_RECORDER_MEDIA_BECOMING_READY);
    CHECK(f & MMC_SENSE_UNIT_ATTENTION);
    CHECK_EQ_INT(map(MMC_READ10, 6, 0x2A, 0x01, &f), E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE);
    CHECK(f & MMC_SENSE_RETRY);
    CHECK_EQ_INT(map(MMC_READ10, 0xB, 0x47, 0x00, &f), E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE);
    CHECK_EQ_INT(f, MMC_SENSE_RETRY);
    /* no retry for ordinary errors */
    CHECK_EQ_INT(map(MMC_READ10, 2, 0x3A, 0x00, &f), E_IMAPI_RECORDER_MEDIA_NO_MEDIA);
    CHECK_EQ_INT(f, 0);

    /* unknown sense: documented default */
    CHECK_EQ_INT(M(MMC_READ10, 4, 0x44, 0x00), E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE);
    CHECK_EQ_INT(M(MMC_READ10, 8, 0x00, 0x05), E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE);
    CHECK_EQ_INT(M(0xFF, 0xE, 0x1D, 0x00), E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE);
    CHECK_EQ_INT(M(MMC_READ10, 0xF, 0xFF, 0xFF), E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE);
    CHECK_EQ_INT(M(MMC_READ10, 2, 0x99, 0x00), E_IMAPI_RECORDER_MEDIA_BECOMING_READY);
    CHECK_EQ_INT(mmc_sense_to_hresult(0, &(mmc_sense){ 0x70, 0, 2, 0x3A, 1 }, NULL), E_IMAPI_RECORDER_MEDIA_NO_MEDIA);
}

static void test_status(void)
{
    CHECK_EQ_INT(mmc_status_to_hresult(MMC_STATUS_GOOD), 0);
    CHECK_EQ_INT(mmc_status_to_hresult(MMC_STATUS_TIMEOUT), E_IMAPI_RECORDER_COMMAND_TIMEOUT);
    CHECK_EQ_INT(mmc_status_to_hresult(MMC_STATUS_TRANSPORT_ERROR), (int32_t)0x80070037);
    CHECK_EQ_INT(mmc_status_to_hresult(MMC_STATUS_BUSY), E_IMAPI_RECORDER_LOCKED);
    CHECK_EQ_INT(mmc_status_to_hresult(MMC_STATUS_CHECK_CONDITION), E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
    CHECK_EQ_INT(mmc_status_to_hresult(77), E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE);
    CHECK_EQ_INT(MMC_HR_INVALID_HANDLE, (int32_t)0x80070006);
    CHECK_EQ_INT(MMC_HR_DEV_NOT_EXIST, (int32_t)0x80070037);
}

/* Every recorder code a drive answer can produce must come out of some sense or
 * status. The rest come from elsewhere (see mmc_sense.c's header comment) and
 * are exercised by test_mmc_device / test_mmc_parse:
 * NO_SUCH_FEATURE, FEATURE_IS_NOT_CURRENT, INVALID_RESPONSE_FROM_DEVICE;
 * REQUIRED and CLIENT_NAME_IS_NOT_VALID are COM argument checks. */
static void test_reachability(void)
{
    static const int32_t codes[] = {
        E_IMAPI_RECORDER_NO_SUCH_MODE_PAGE, E_IMAPI_RECORDER_MEDIA_NO_MEDIA, E_IMAPI_RECORDER_MEDIA_INCOMPATIBLE,
        E_IMAPI_RECORDER_MEDIA_UPSIDE_DOWN, E_IMAPI_RECORDER_MEDIA_BECOMING_READY,
        E_IMAPI_RECORDER_MEDIA_FORMAT_IN_PROGRESS, E_IMAPI_RECORDER_MEDIA_BUSY,
        E_IMAPI_RECORDER_INVALID_MODE_PARAMETERS, E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED,
        E_IMAPI_RECORDER_GET_CONFIGURATION_NOT_SUPPORTED, E_IMAPI_RECORDER_COMMAND_TIMEOUT,
        E_IMAPI_RECORDER_DVD_STRUCTURE_NOT_PRESENT, E_IMAPI_RECORDER_MEDIA_SPEED_MISMATCH,
        E_IMAPI_RECORDER_LOCKED, E_IMAPI_RECORDER_MEDIA_NOT_FORMATTED,
        E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE, E_IMAPI_LOSS_OF_STREAMING,
        E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE, (int32_t)0x80070037 };
    static const uint8_t ops[] = { MMC_TEST_UNIT_READY, MMC_GET_CONFIGURATION, MMC_MODE_SENSE10, MMC_MODE_SELECT10,
                                   MMC_READ_DISC_STRUCTURE, MMC_SET_CD_SPEED, MMC_SET_STREAMING, MMC_WRITE10 };
    int seen[sizeof(codes) / sizeof(codes[0])] = { 0 };
    size_t i, j, o;
    unsigned key, asc, ascq;

    /* exhaustive over a few opcodes, all keys and ASCs, the ASCQs that matter */
    for (o = 0; o < sizeof(ops); o++)
        for (key = 0; key < 16; key++)
            for (asc = 0; asc < 256; asc++)
                for (ascq = 0; ascq < 20; ascq++)
                {
                    int32_t hr = M(ops[o], (uint8_t)key, (uint8_t)asc, (uint8_t)ascq);
                    for (j = 0; j < sizeof(codes) / sizeof(codes[0]); j++)
                        if (codes[j] == hr)
                            seen[j] = 1;
                }
    for (i = MMC_STATUS_GOOD; i <= MMC_STATUS_BUSY; i++)
    {
        int32_t hr = mmc_status_to_hresult((int)i);
        for (j = 0; j < sizeof(codes) / sizeof(codes[0]); j++)
            if (codes[j] == hr)
                seen[j] = 1;
    }
    for (j = 0; j < sizeof(codes) / sizeof(codes[0]); j++)
    {
        if (!seen[j])
            fprintf(stderr, "unreachable: %08x\n", (unsigned)codes[j]);
        CHECK(seen[j]);
    }
}

int main(void)
{
    test_examples();
    test_status();
    test_reachability();
    return check_finish("test_mmc_sense");
}
