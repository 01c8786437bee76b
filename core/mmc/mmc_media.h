/* What the format objects (IDiscFormat2 and its four kinds) need to know about the drive
 * and the disc in it, gathered by one query, and the rules computed from those facts.
 * The COM layer only copies these answers out; every rule about media lives here.
 *
 * Values of the enums below are IMAPI2's own (IMAPI_MEDIA_PHYSICAL_TYPE,
 * IMAPI_FORMAT2_DATA_MEDIA_STATE, IMAPI_MEDIA_WRITE_PROTECT_STATE): the core has no
 * windows.h, so the DLL checks them against the widl headers at compile time. */
#ifndef IMAPI_MMC_MEDIA_H
#define IMAPI_MMC_MEDIA_H

#include <stddef.h>
#include <stdint.h>
#include "mmc_device.h"

/* IMAPI_MEDIA_PHYSICAL_TYPE */
enum mmc_media_type
{
    MMC_MEDIA_UNKNOWN = 0, MMC_MEDIA_CDROM = 1, MMC_MEDIA_CDR = 2, MMC_MEDIA_CDRW = 3,
    MMC_MEDIA_DVDROM = 4, MMC_MEDIA_DVDRAM = 5, MMC_MEDIA_DVDPLUSR = 6, MMC_MEDIA_DVDPLUSRW = 7,
    MMC_MEDIA_DVDPLUSR_DUALLAYER = 8, MMC_MEDIA_DVDDASHR = 9, MMC_MEDIA_DVDDASHRW = 10,
    MMC_MEDIA_DVDDASHR_DUALLAYER = 11, MMC_MEDIA_DISK = 12, MMC_MEDIA_DVDPLUSRW_DUALLAYER = 13,
    MMC_MEDIA_HDDVDROM = 14, MMC_MEDIA_HDDVDR = 15, MMC_MEDIA_HDDVDRAM = 16,
    MMC_MEDIA_BDROM = 17, MMC_MEDIA_BDR = 18, MMC_MEDIA_BDRE = 19
};

/* IMAPI_FORMAT2_DATA_MEDIA_STATE bits */
enum mmc_data_state
{
    MMC_STATE_UNKNOWN = 0,
    MMC_STATE_OVERWRITE_ONLY = 0x1,
    MMC_STATE_BLANK = 0x2,
    MMC_STATE_APPENDABLE = 0x4,
    MMC_STATE_FINAL_SESSION = 0x8,
    MMC_STATE_DAMAGED = 0x400,
    MMC_STATE_ERASE_REQUIRED = 0x800,
    MMC_STATE_NON_EMPTY_SESSION = 0x1000,
    MMC_STATE_WRITE_PROTECTED = 0x2000,
    MMC_STATE_FINALIZED = 0x4000,
    MMC_STATE_UNSUPPORTED_MEDIA = 0x8000,
    MMC_STATE_UNSUPPORTED_MASK = 0xFC00
};

/* IMAPI_MEDIA_WRITE_PROTECT_STATE bits */
enum mmc_write_protect
{
    MMC_WP_UNTIL_POWERDOWN = 0x1,
    MMC_WP_BY_CARTRIDGE = 0x2,
    MMC_WP_BY_MEDIA_SPECIFIC_REASON = 0x4,
    MMC_WP_BY_SOFTWARE = 0x8,
    MMC_WP_BY_DISC_CONTROL_BLOCK = 0x10,
    MMC_WP_READ_ONLY_MEDIA = 0x4000
};

/* The four IDiscFormat2 kinds. */
enum mmc_format_kind { MMC_FORMAT_DATA, MMC_FORMAT_ERASE, MMC_FORMAT_TAO, MMC_FORMAT_RAW };

/* How a medium takes data. */
enum mmc_write_class
{
    MMC_CLASS_NONE,        /* not writable (ROM, unknown, no medium) */
    MMC_CLASS_SEQUENTIAL,  /* sessions and tracks: CD-R/RW, DVD-R(W seq.), DVD+R(DL), BD-R SRM */
    MMC_CLASS_OVERWRITE    /* one physical session, written from 0: DVD+RW, DVD-RW restricted
                              overwrite, DVD-RAM, BD-RE, BD-R RRM, removable disk */
};

typedef struct mmc_media_facts
{
    int present;                    /* a medium is in the drive (spinning up counts) */
    int tray_open;                  /* no medium because the tray is open (0 when unknown) */
    uint16_t profile;               /* current profile; MMC_PROFILE_NONE without a medium */
    enum mmc_media_type type;       /* IMAPI_MEDIA_PHYSICAL_TYPE of the profile */
    enum mmc_write_class write_class;
    int cd;                         /* CD family: post-gap and run-out overhead apply */
    uint32_t write_unit;            /* blocks per write unit: 1 CD, 16 DVD, 32 BD */

    /* READ DISC INFORMATION */
    enum mmc_disc_status disc_status;
    enum mmc_session_state last_session_state;
    int erasable;
    unsigned sessions;              /* complete sessions plus the empty/incomplete last one */
    int needs_format;               /* overwritable medium that must be formatted first
                                       (blank DVD+RW, unformatted BD-RE/DVD-RAM) */

    /* Sequential media: the invisible/incomplete track where the next write goes. */
    uint16_t next_track;            /* its track number (CLOSE TRACK), 0 if none */
    int nwa_valid;
    int32_t next_writable;          /* NWA; 0 on blank media; overwrite media: 0 */
    uint32_t free_blocks;           /* free blocks from the NWA on (sequential), or the
                                       formatted capacity (overwrite) */
    uint32_t total_blocks;          /* TotalSectorsOnMedia: used + free (sequential),
                                       formatted capacity (overwrite) */
    int32_t prev_session_start;     /* first LBA of the last complete session, -1 if none */
    int32_t prev_session_last;      /* its last recorded LBA, -1 if none */
    int32_t last_written;           /* last recorded LBA on the medium, -1 if none */

    uint32_t write_protect;         /* enum mmc_write_protect bits */
} mmc_media_facts;

/* Queries the drive: media presence, current profile, disc and track information,
 * capacity, write protection. No medium is not an error: present = 0, profile 0 and
 * S_OK. Errors of the drive come back mapped (mmc_sense.c); a drive that answers
 * nonsense gives E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE. */
int32_t mmc_media_query(mmc_device *d, mmc_media_facts *out);

/* IMAPI_MEDIA_PHYSICAL_TYPE of a profile (MMC_MEDIA_UNKNOWN for none/unknown). */
enum mmc_media_type mmc_media_type_of_profile(uint16_t profile);
enum mmc_write_class mmc_media_class_of_profile(uint16_t profile);

/* Whether a format can write (or, for Erase, blank) media of this profile at all, in
 * whatever state: the basis of IsRecorderSupported and SupportedMediaTypes. */
int mmc_format_writes_profile(enum mmc_format_kind kind, uint16_t profile);

/* IsRecorderSupported: the drive's profile list (all profiles, current or not) holds
 * at least one profile the format writes. */
int32_t mmc_format_recorder_supported(mmc_device *d, enum mmc_format_kind kind, int *supported);

/* SupportedMediaTypes: the distinct IMAPI_MEDIA_PHYSICAL_TYPEs of the drive's profiles
 * that the format writes, in the drive's order; *types malloc'd (free()). */
int32_t mmc_format_supported_types(mmc_device *d, enum mmc_format_kind kind, uint32_t **types, size_t *count);

/* IsCurrentMediaSupported for facts already queried (present == 1): Data: a writable
 * medium that is blank, appendable or overwritable; TAO and RAW: blank CD-R/CD-RW;
 * Erase: erasable media (CD-RW, DVD-RW, and the rewritable media the docs allow). */
int mmc_format_media_supported(enum mmc_format_kind kind, const mmc_media_facts *f);

/* MediaPhysicallyBlank: the drive reports the disc blank (disc status 0). */
int mmc_media_physically_blank(const mmc_media_facts *f);

/* IDiscFormat2Data::CurrentMediaStatus bitmask for the facts. */
uint32_t mmc_media_data_state(const mmc_media_facts *f);

/* IDiscFormat2Data::FreeSectorsOnMedia: the blocks a new data session can hold after
 * management overhead (CD: the 150-block post-gap unless postgap_in_image, and the
 * run-out); overwrite-only media: the total. */
int32_t mmc_media_data_free_sectors(const mmc_media_facts *f, int postgap_in_image);

/* What the IDiscFormat2Data address getters (TotalSectorsOnMedia, FreeSectorsOnMedia,
 * NextWritableAddress, StartAddressOfPreviousSession, LastWrittenAddressOfPreviousSession)
 * return before copying the facts out: S_OK; E_IMAPI_RECORDER_MEDIA_NO_MEDIA without a
 * medium; E_IMAPI_DF2DATA_INVALID_MEDIA_STATE for media the Data format cannot write
 * (ROM, unknown) and for sequential media without a next writable address (finalized).
 * [undoc] the docs list INVALID_MEDIA_STATE for these getters without saying when. */
int32_t mmc_media_data_check(const mmc_media_facts *f);

/* MediaHeuristicallyBlank: physically blank, or (for media that cannot be physically
 * blank: overwrite class) the first and last 2 MiB of the medium read as zeros
 * (READ(10) through d). The first 2 MiB hold every file system's recognition area
 * (ISO 9660 and UDF descriptors from block 16, the UDF anchor at 256), so a zero
 * start also means "no file system recognised". */
int32_t mmc_media_heuristically_blank(mmc_device *d, const mmc_media_facts *f, int *blank);

#endif
