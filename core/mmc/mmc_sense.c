/* The sense -> HRESULT table. Rows are tried in order and the first match wins,
 * so opcode-specific rows come before generic ones and exact ASCQs before
 * wildcards. ANY matches every value of that field.
 *
 * Which IMAPI codes do NOT come from this table, and where they come from:
 *  - E_IMAPI_RECORDER_NO_SUCH_FEATURE / _FEATURE_IS_NOT_CURRENT: mmc_dev_get_feature
 *    (the drive answers GET CONFIGURATION fine; the feature is absent / not current);
 *  - E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE: the parsers, and the device layer
 *    when the sense data itself is unreadable;
 *  - E_IMAPI_RECORDER_REQUIRED, _CLIENT_NAME_IS_NOT_VALID: argument checks of the
 *    COM objects, never a drive answer;
 *  - E_IMAPI_RECORDER_COMMAND_TIMEOUT, _LOCKED, HRESULT_FROM_WIN32(ERROR_DEV_NOT_EXIST):
 *    transport status, mmc_status_to_hresult below. */
#include <stddef.h>
#include "mmc_sense.h"
#include "mmc_defs.h"

#define ANY (-1)

typedef struct sense_rule
{
    int16_t opcode;         /* ANY or one opcode */
    int8_t key;             /* ANY or a sense key */
    int16_t asc, ascq;      /* ANY or exact */
    int32_t hr;
    uint8_t flags;
} sense_rule;

#define RETRY_UA (MMC_SENSE_RETRY | MMC_SENSE_UNIT_ATTENTION)
#define UNEXPECTED E_IMAPI_UNEXPECTED_RESPONSE_FROM_DEVICE

static const sense_rule rules[] =
{
    /* --- Opcode-specific meanings of ILLEGAL REQUEST --- */
    /* A drive without the MMC-2 feature model rejects the opcode itself; some early
     * ones accept the opcode but reject the RT / starting feature fields. */
    { MMC_GET_CONFIGURATION, SK_ILLEGAL_REQUEST, 0x20, 0x00, E_IMAPI_RECORDER_GET_CONFIGURATION_NOT_SUPPORTED, 0 },
    { MMC_GET_CONFIGURATION, SK_ILLEGAL_REQUEST, 0x24, 0x00, E_IMAPI_RECORDER_GET_CONFIGURATION_NOT_SUPPORTED, 0 },
    /* In MODE SENSE the page code is the only field we vary, so "invalid field in
     * CDB" means the drive has no such page. */
    { MMC_MODE_SENSE10, SK_ILLEGAL_REQUEST, 0x24, 0x00, E_IMAPI_RECORDER_NO_SUCH_MODE_PAGE, 0 },
    { MMC_MODE_SENSE6, SK_ILLEGAL_REQUEST, 0x24, 0x00, E_IMAPI_RECORDER_NO_SUCH_MODE_PAGE, 0 },
    /* MODE SELECT: a bad CDB field, a bad value in the page, or a wrong parameter
     * list length all mean the page the caller sent is not acceptable. */
    { MMC_MODE_SELECT10, SK_ILLEGAL_REQUEST, 0x24, 0x00, E_IMAPI_RECORDER_INVALID_MODE_PARAMETERS, 0 },
    { MMC_MODE_SELECT10, SK_ILLEGAL_REQUEST, 0x26, ANY, E_IMAPI_RECORDER_INVALID_MODE_PARAMETERS, 0 },
    { MMC_MODE_SELECT10, SK_ILLEGAL_REQUEST, 0x1A, 0x00, E_IMAPI_RECORDER_INVALID_MODE_PARAMETERS, 0 },
    { MMC_MODE_SELECT6, SK_ILLEGAL_REQUEST, 0x24, 0x00, E_IMAPI_RECORDER_INVALID_MODE_PARAMETERS, 0 },
    { MMC_MODE_SELECT6, SK_ILLEGAL_REQUEST, 0x26, ANY, E_IMAPI_RECORDER_INVALID_MODE_PARAMETERS, 0 },
    { MMC_MODE_SELECT6, SK_ILLEGAL_REQUEST, 0x1A, 0x00, E_IMAPI_RECORDER_INVALID_MODE_PARAMETERS, 0 },
    /* READ DISC STRUCTURE rejects a format the medium does not carry with 24/00. */
    { MMC_READ_DISC_STRUCTURE, SK_ILLEGAL_REQUEST, 0x24, 0x00, E_IMAPI_RECORDER_DVD_STRUCTURE_NOT_PRESENT, 0 },
    /* A rejected speed request: the speed does not fit drive + medium. */
    { MMC_SET_CD_SPEED, SK_ILLEGAL_REQUEST, 0x24, 0x00, E_IMAPI_RECORDER_MEDIA_SPEED_MISMATCH, 0 },
    { MMC_SET_STREAMING, SK_ILLEGAL_REQUEST, 0x24, 0x00, E_IMAPI_RECORDER_MEDIA_SPEED_MISMATCH, 0 },
    { MMC_SET_STREAMING, SK_ILLEGAL_REQUEST, 0x26, ANY, E_IMAPI_RECORDER_MEDIA_SPEED_MISMATCH, 0 },
    /* "Illegal mode for this track" on a write: the write parameters page (05h)
     * selects a write type / block type the track cannot take. */
    { MMC_WRITE10, SK_ILLEGAL_REQUEST, 0x64, 0x00, E_IMAPI_RECORDER_INVALID_MODE_PARAMETERS, 0 },
    { MMC_WRITE12, SK_ILLEGAL_REQUEST, 0x64, 0x00, E_IMAPI_RECORDER_INVALID_MODE_PARAMETERS, 0 },

    /* --- Not errors: the command completed --- */
    { ANY, SK_NO_SENSE, ANY, ANY, 0, 0 },
    { ANY, SK_RECOVERED_ERROR, ANY, ANY, 0, 0 },

    /* --- Medium presence and readiness --- */
    /* 3A/00 no medium, /01 tray closed, /02 tray open: whatever the key. */
    { ANY, ANY, 0x3A, ANY, E_IMAPI_RECORDER_MEDIA_NO_MEDIA, 0 },
    /* 04/00 "cause not reportable" is what drives say while spinning up a disc. */
    { ANY, SK_NOT_READY, 0x04, 0x00, E_IMAPI_RECORDER_MEDIA_BECOMING_READY, 0 },
    { ANY, SK_NOT_READY, 0x04, 0x01, E_IMAPI_RECORDER_MEDIA_BECOMING_READY, 0 },
    /* 04/02 "initializing command required": not ready until started, transient. */
    { ANY, SK_NOT_READY, 0x04, 0x02, E_IMAPI_RECORDER_MEDIA_BECOMING_READY, 0 },
    { ANY, SK_NOT_READY, 0x04, 0x04, E_IMAPI_RECORDER_MEDIA_FORMAT_IN_PROGRESS, 0 },
    /* 04/07 operation in progress, 04/08 long write in progress, and the other
     * 04/xx causes: the drive is occupied with something else. */
    { ANY, SK_NOT_READY, 0x04, 0x07, E_IMAPI_RECORDER_MEDIA_BUSY, 0 },
    { ANY, SK_NOT_READY, 0x04, 0x08, E_IMAPI_RECORDER_MEDIA_BUSY, 0 },
    { ANY, SK_NOT_READY, 0x04, ANY, E_IMAPI_RECORDER_MEDIA_BUSY, 0 },
    /* 3E/00 logical unit has not self-configured yet: still powering up. */
    { ANY, SK_NOT_READY, 0x3E, ANY, E_IMAPI_RECORDER_MEDIA_BECOMING_READY, 0 },
    /* 57/00 "unable to recover table of contents": the answer drives give when a
     * disc is in but nothing on it can be read, which in practice is a disc
     * inserted label side down. IMAPI has a dedicated code for that. */
    { ANY, ANY, 0x57, 0x00, E_IMAPI_RECORDER_MEDIA_UPSIDE_DOWN, 0 },

    /* --- Medium compatibility and format --- */
    /* 30/10 "medium not formatted" and 31/xx "medium format corrupted / format
     * failed": usable once formatted, so not "incompatible". */
    { ANY, ANY, 0x30, 0x10, E_IMAPI_RECORDER_MEDIA_NOT_FORMATTED, 0 },
    { ANY, ANY, 0x31, ANY, E_IMAPI_RECORDER_MEDIA_NOT_FORMATTED, 0 },
    /* 30/00 incompatible medium, 30/01..02 cannot read (unknown / incompatible
     * format), 30/04..05 cannot write, 30/06 cannot format, 30/09 session not
     * fixated for append, ...: the drive cannot do this with this disc. */
    { ANY, ANY, 0x30, ANY, E_IMAPI_RECORDER_MEDIA_INCOMPATIBLE, 0 },
    /* 6F/xx copy protection (key exchange failed, key not present, region
     * mismatch): the medium cannot be used for the request. */
    { ANY, SK_ILLEGAL_REQUEST, 0x6F, ANY, E_IMAPI_RECORDER_MEDIA_INCOMPATIBLE, 0 },
    /* 64/00 illegal mode for this track on reads (READ CD sector type mismatch),
     * 64/01 invalid packet size. */
    { ANY, SK_ILLEGAL_REQUEST, 0x64, ANY, E_IMAPI_RECORDER_MEDIA_INCOMPATIBLE, 0 },

    /* --- Write protection --- */
    /* 27/xx write protected: normally key 7, some drives report key 5. */
    { ANY, ANY, 0x27, ANY, E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED, 0 },
    { ANY, SK_DATA_PROTECT, ANY, ANY, E_IMAPI_RECORDER_MEDIA_WRITE_PROTECTED, 0 },

    /* --- Writing --- */
    /* 0C/09 write error - loss of streaming (buffer under-run). */
    { ANY, ANY, 0x0C, 0x09, E_IMAPI_LOSS_OF_STREAMING, 0 },
    /* Other write errors (0C/00 write error, 0C/07 recovery needed, 0C/0A padding
     * blocks added, ...): a failed burn, no more specific IMAPI code exists. */
    { ANY, ANY, 0x0C, ANY, UNEXPECTED, 0 },
    /* 21/00 LBA out of range, 21/02 invalid address for write: our addressing and
     * the drive's idea of the medium disagree. */
    { ANY, SK_ILLEGAL_REQUEST, 0x21, ANY, UNEXPECTED, 0 },
    /* 2C/00 command sequence error (e.g. write before the track is ready). */
    { ANY, SK_ILLEGAL_REQUEST, 0x2C, ANY, UNEXPECTED, 0 },
    /* 20/00 invalid opcode and 24/00 invalid field for other commands: the drive
     * lacks what we asked for; nothing medium-related to report. */
    { ANY, SK_ILLEGAL_REQUEST, 0x20, ANY, UNEXPECTED, 0 },
    { ANY, SK_ILLEGAL_REQUEST, 0x24, ANY, UNEXPECTED, 0 },

    /* --- Unit attention: something changed since the last command --- */
    /* 28/00 not ready to ready (medium may have changed) and 29/xx power on or
     * reset: the drive is fine but re-initialising; repeat the command once. */
    { ANY, SK_UNIT_ATTENTION, 0x28, ANY, E_IMAPI_RECORDER_MEDIA_BECOMING_READY, RETRY_UA },
    { ANY, SK_UNIT_ATTENTION, 0x29, ANY, E_IMAPI_RECORDER_MEDIA_BECOMING_READY, RETRY_UA },
    /* Any other unit attention (2A/xx parameters changed, 3F/xx operating
     * conditions changed, 5A/01 removal request): report it, also retry once. */
    { ANY, SK_UNIT_ATTENTION, ANY, ANY, UNEXPECTED, RETRY_UA },

    /* --- Other keys --- */
    /* Aborted command (key B): typically a bus hiccup; repeating may succeed. */
    { ANY, SK_ABORTED_COMMAND, ANY, ANY, UNEXPECTED, MMC_SENSE_RETRY },
    /* Not ready for a reason not listed above: transient by nature. */
    { ANY, SK_NOT_READY, ANY, ANY, E_IMAPI_RECORDER_MEDIA_BECOMING_READY, 0 },
    /* Medium error (3), hardware error (4), blank check (8), miscompare (E) and any
     * sense not covered above end here: the drive failed the command in a way
     * IMAPI has no specific code for. */
    { ANY, ANY, ANY, ANY, UNEXPECTED, 0 },
};

static int field_matches(int rule, unsigned value)
{
    return rule == ANY || (unsigned)rule == value;
}

int32_t mmc_sense_to_hresult(uint8_t opcode, const mmc_sense *s, unsigned *flags)
{
    size_t i;

    if (flags)
        *flags = 0;
    for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
    {
        const sense_rule *r = &rules[i];
        if (field_matches(r->opcode, opcode) && field_matches(r->key, s->key)
            && field_matches(r->asc, s->asc) && field_matches(r->ascq, s->ascq))
        {
            if (flags)
                *flags = r->flags;
            return r->hr;
        }
    }
    return UNEXPECTED;   /* unreachable: the last row matches everything */
}

int32_t mmc_status_to_hresult(int status)
{
    switch (status)
    {
    case MMC_STATUS_GOOD:
        return 0;
    case MMC_STATUS_TIMEOUT:
        return E_IMAPI_RECORDER_COMMAND_TIMEOUT;
    case MMC_STATUS_TRANSPORT_ERROR:
        /* The seam reports "device could not be reached": it went away. */
        return MMC_HR_DEV_NOT_EXIST;
    case MMC_STATUS_BUSY:
        /* The seam reports BUSY for SCSI BUSY and reservation conflicts, i.e.
         * another client holds the drive: IMAPI's "recorder locked". */
        return E_IMAPI_RECORDER_LOCKED;
    case MMC_STATUS_CHECK_CONDITION:
        /* Without readable sense nothing more specific can be said. */
        return E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE;
    default:
        return UNEXPECTED;
    }
}
