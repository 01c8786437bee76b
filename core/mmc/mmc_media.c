/* Media facts and the IDiscFormat2 / IDiscFormat2Data rules computed from them.
 * Every decision the documentation leaves open is written down beside its code, with
 * [undoc] where it is ours. */
#include <stdlib.h>
#include <string.h>
#include "mmc_media.h"
#include "mmc_burn_internal.h"

enum mmc_media_type mmc_media_type_of_profile(uint16_t profile)
{
    switch (profile)
    {
    case MMC_PROFILE_CDROM: return MMC_MEDIA_CDROM;
    case MMC_PROFILE_CD_RECORDABLE: return MMC_MEDIA_CDR;
    case MMC_PROFILE_CD_REWRITABLE: return MMC_MEDIA_CDRW;
    case MMC_PROFILE_DVDROM: return MMC_MEDIA_DVDROM;
    case MMC_PROFILE_DVD_RAM: return MMC_MEDIA_DVDRAM;
    case MMC_PROFILE_DVD_PLUS_R: return MMC_MEDIA_DVDPLUSR;
    case MMC_PROFILE_DVD_PLUS_RW: return MMC_MEDIA_DVDPLUSRW;
    case MMC_PROFILE_DVD_PLUS_R_DUAL: return MMC_MEDIA_DVDPLUSR_DUALLAYER;
    case MMC_PROFILE_DVD_PLUS_RW_DUAL: return MMC_MEDIA_DVDPLUSRW_DUALLAYER;
    case MMC_PROFILE_DVD_DASH_RECORDABLE: return MMC_MEDIA_DVDDASHR;
    case MMC_PROFILE_DVD_DASH_RW_RESTRICTED:
    case MMC_PROFILE_DVD_DASH_RW_SEQUENTIAL: return MMC_MEDIA_DVDDASHRW;
    case MMC_PROFILE_DVD_DASH_R_DL_SEQUENTIAL:
    case MMC_PROFILE_DVD_DASH_R_DL_JUMP: return MMC_MEDIA_DVDDASHR_DUALLAYER;
    /* "randomly writable, hardware-defect-managed media whose current profile is the
     * removable disk profile" (IMAPI_MEDIA_TYPE_DISK) */
    case MMC_PROFILE_REMOVABLE_DISK: return MMC_MEDIA_DISK;
    case MMC_PROFILE_HD_DVD_ROM: return MMC_MEDIA_HDDVDROM;
    case MMC_PROFILE_HD_DVD_R: return MMC_MEDIA_HDDVDR;
    case MMC_PROFILE_HD_DVD_RAM: return MMC_MEDIA_HDDVDRAM;
    case MMC_PROFILE_BD_ROM: return MMC_MEDIA_BDROM;
    case MMC_PROFILE_BD_R_SEQUENTIAL:
    case MMC_PROFILE_BD_R_RANDOM: return MMC_MEDIA_BDR;
    case MMC_PROFILE_BD_REWRITABLE: return MMC_MEDIA_BDRE;
    default: return MMC_MEDIA_UNKNOWN;
    }
}

enum mmc_write_class mmc_media_class_of_profile(uint16_t profile)
{
    switch (profile)
    {
    /* IMAPI writes CD-RW session at once like CD-R (spec section 5): sequential */
    case MMC_PROFILE_CD_RECORDABLE:
    case MMC_PROFILE_CD_REWRITABLE:
    case MMC_PROFILE_DVD_DASH_RECORDABLE:
    case MMC_PROFILE_DVD_DASH_RW_SEQUENTIAL:
    case MMC_PROFILE_DVD_DASH_R_DL_SEQUENTIAL:
    case MMC_PROFILE_DVD_PLUS_R:
    case MMC_PROFILE_DVD_PLUS_R_DUAL:
    case MMC_PROFILE_BD_R_SEQUENTIAL:
        return MMC_CLASS_SEQUENTIAL;
    case MMC_PROFILE_DVD_PLUS_RW:
    case MMC_PROFILE_DVD_PLUS_RW_DUAL:
    case MMC_PROFILE_DVD_DASH_RW_RESTRICTED:
    case MMC_PROFILE_DVD_RAM:
    case MMC_PROFILE_BD_REWRITABLE:
    case MMC_PROFILE_BD_R_RANDOM:
    case MMC_PROFILE_REMOVABLE_DISK:
        return MMC_CLASS_OVERWRITE;
    default:
        return MMC_CLASS_NONE;
    }
}

int mmc_media_family(uint16_t profile)
{
    if (profile == MMC_PROFILE_CDROM || profile == MMC_PROFILE_CD_RECORDABLE || profile == MMC_PROFILE_CD_REWRITABLE)
        return MMC_FAMILY_CD;
    if (profile >= MMC_PROFILE_BD_ROM && profile <= MMC_PROFILE_BD_REWRITABLE) return MMC_FAMILY_BD;
    if (profile >= MMC_PROFILE_DVDROM && profile <= MMC_PROFILE_DVD_PLUS_R_DUAL) return MMC_FAMILY_DVD;
    return MMC_FAMILY_OTHER;
}

int mmc_format_writes_profile(enum mmc_format_kind kind, uint16_t profile)
{
    switch (kind)
    {
    case MMC_FORMAT_DATA:
        /* spec 2.4: CD-R/RW, DVD+-R (SL/DL), DVD+-RW, DVD-RAM, BD-R, BD-RE and the
         * "disk" profile. HD DVD and DVD-R DL layer jump are not in the list. */
        return mmc_media_class_of_profile(profile) != MMC_CLASS_NONE;
    case MMC_FORMAT_TAO:
    case MMC_FORMAT_RAW:
        return profile == MMC_PROFILE_CD_RECORDABLE || profile == MMC_PROFILE_CD_REWRITABLE;
    case MMC_FORMAT_ERASE:
        /* [undoc] the docs name CD-RW and DVD-RW; DVD+RW, DVD-RAM and BD-RE never
         * need blanking (they are overwritten), so only those two families. */
        return profile == MMC_PROFILE_CD_REWRITABLE || profile == MMC_PROFILE_DVD_DASH_RW_SEQUENTIAL ||
               profile == MMC_PROFILE_DVD_DASH_RW_RESTRICTED;
    }
    return 0;
}

int32_t mmc_format_recorder_supported(mmc_device *d, enum mmc_format_kind kind, int *supported)
{
    uint16_t *profiles = NULL;
    size_t n = 0, i;
    int32_t hr;
    *supported = 0;
    if ((hr = mmc_dev_get_profiles(d, 0, &profiles, &n))) return hr;
    for (i = 0; i < n; i++)
        if (mmc_format_writes_profile(kind, profiles[i])) *supported = 1;
    free(profiles);
    return 0;
}

int32_t mmc_format_supported_types(mmc_device *d, enum mmc_format_kind kind, uint32_t **types, size_t *count)
{
    uint16_t *profiles = NULL;
    size_t n = 0, i, k, out = 0;
    int32_t hr;
    *types = NULL;
    *count = 0;
    if ((hr = mmc_dev_get_profiles(d, 0, &profiles, &n))) return hr;
    if (!(*types = malloc((n ? n : 1) * sizeof(**types)))) { free(profiles); return MMC_HR_OUTOFMEMORY; }
    for (i = 0; i < n; i++)
    {
        uint32_t t = (uint32_t)mmc_media_type_of_profile(profiles[i]);
        if (!mmc_format_writes_profile(kind, profiles[i]) || t == MMC_MEDIA_UNKNOWN) continue;
        for (k = 0; k < out && (*types)[k] != t; k++) {}
        if (k == out) (*types)[out++] = t;
    }
    free(profiles);
    *count = out;
    return 0;
}

/* WP bit of the mode parameter header (byte 3 bit 7 of MODE SENSE(10)). */
static int32_t mode_header_wp(mmc_device *d, int *wp)
{
    uint8_t buf[8 + 64];
    mmc_mode_header h;
    mmc_command c;
    int32_t hr;
    *wp = 0;
    mmc_cdb_mode_sense10(&c, buf, sizeof(buf), MMC_MODE_PAGE_WRITE_PARAMETERS, MMC_PC_CURRENT);
    if ((hr = mmc_dev_execute(d, &c))) return hr;
    if ((hr = mmc_parse_mode_header(buf, c.transferred, &h))) return hr;
    *wp = (h.device_specific & 0x80) != 0;
    return 0;
}

/* Previous (last complete) session: its first LBA and last recorded LBA, from READ
 * TRACK INFORMATION by session number and then track by track inside it. */
static int32_t previous_session(mmc_device *d, unsigned session, int32_t *start, int32_t *last)
{
    mmc_track_info ti;
    uint32_t track;
    int32_t hr;
    *start = *last = -1;
    if ((hr = mmc_dev_track_info(d, MMC_TRACK_ADDR_SESSION, session, &ti, NULL, NULL))) return hr;
    if (ti.session != session) return E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE;
    *start = (int32_t)ti.track_start;
    for (track = ti.track; track < 0xFF00; track++)
    {
        if (track != ti.track && mmc_dev_track_info(d, MMC_TRACK_ADDR_TRACK, track, &ti, NULL, NULL)) break;
        if (ti.session != session) break;
        if (ti.track_size) *last = (int32_t)(ti.track_start + ti.track_size - 1);
    }
    return 0;
}

int32_t mmc_media_query(mmc_device *d, mmc_media_facts *f)
{
    mmc_disc_info di;
    mmc_track_info ti;
    int32_t hr;
    int wp = 0;

    memset(f, 0, sizeof(*f));
    f->prev_session_start = f->prev_session_last = f->last_written = -1;
    if ((hr = mmc_dev_media_present(d, &f->present, &f->tray_open))) return hr;
    if (!f->present) return 0;
    if ((hr = mmc_dev_get_current_profile(d, &f->profile))) return hr;
    f->type = mmc_media_type_of_profile(f->profile);
    f->write_class = mmc_media_class_of_profile(f->profile);
    f->cd = mmc_media_family(f->profile) == MMC_FAMILY_CD;
    f->write_unit = f->cd ? 1 : mmc_media_family(f->profile) == MMC_FAMILY_BD ? 32 :
                    mmc_media_family(f->profile) == MMC_FAMILY_DVD ? 16 : 1;
    if (!f->profile) return 0;      /* a medium the drive does not recognise: unsupported */

    if ((hr = mmc_dev_disc_info(d, &di, NULL, NULL))) return hr;
    f->disc_status = di.disc_status;
    f->last_session_state = di.last_session_state;
    f->erasable = di.erasable;
    f->sessions = di.sessions;

    if (f->write_class == MMC_CLASS_NONE)
    {
        /* pressed media: read only, whatever else the drive says */
        f->write_protect = MMC_WP_READ_ONLY_MEDIA;
        if (!mmc_dev_read_capacity(d, (uint32_t *)&f->last_written, &(uint32_t){0}))
            f->total_blocks = (uint32_t)f->last_written + 1;
        return 0;
    }

    /* The WP bit of the mode header is the drive's "this medium is write protected" (a
     * cartridge tab, a protected disc). [undoc] IMAPI names no bit for that plain case;
     * BY_CARTRIDGE is the one the header bit stands for on removable media. A drive
     * that does not answer MODE SENSE is simply taken as not protected. */
    if (!mode_header_wp(d, &wp) && wp) f->write_protect |= MMC_WP_BY_CARTRIDGE;

    if (f->write_class == MMC_CLASS_OVERWRITE)
    {
        mmc_format_capacity cur, *list = NULL;
        size_t n = 0;
        uint32_t last, bl;
        hr = mmc_dev_format_capacities(d, &cur, &list, &n);
        free(list);
        if (!hr && cur.type != MMC_CAPACITY_NO_MEDIA)
        {
            f->needs_format = cur.type == MMC_CAPACITY_UNFORMATTED;
            f->total_blocks = cur.blocks;
        }
        else if (!mmc_dev_read_capacity(d, &last, &bl)) f->total_blocks = last + 1;
        else return hr ? hr : E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE;
        /* the drive reports a blank DVD+RW / BD-RE as blank until it is formatted */
        if (f->disc_status == MMC_DISC_BLANK) f->needs_format = 1;
        f->nwa_valid = 1;
        f->next_writable = 0;
        f->free_blocks = f->total_blocks;
        /* [undoc] one physical session, no "previous session" (IMultisessionRandomWrite
         * covers these media): both addresses stay -1. */
        if (!f->needs_format && !mmc_dev_read_capacity(d, &last, &bl)) f->last_written = (int32_t)last;
        return 0;
    }

    /* Sequential media. */
    if (f->disc_status == MMC_DISC_BLANK || f->disc_status == MMC_DISC_APPENDABLE)
    {
        if ((hr = mmc_dev_track_info(d, MMC_TRACK_ADDR_TRACK, MMC_TRACK_INVISIBLE, &ti, NULL, NULL))) return hr;
        f->next_track = ti.track;
        if (ti.nwa_valid)
        {
            f->nwa_valid = 1;
            f->next_writable = (int32_t)ti.next_writable;
            f->free_blocks = ti.free_blocks;
            f->total_blocks = ti.next_writable + ti.free_blocks;
        }
    }
    if (f->disc_status == MMC_DISC_BLANK)
    {
        f->next_writable = 0;       /* documented: 0 on blank media */
        return 0;
    }
    {
        uint32_t last, bl;
        if (!mmc_dev_read_capacity(d, &last, &bl)) f->last_written = (int32_t)last;
        if (!f->nwa_valid) f->total_blocks = (uint32_t)f->last_written + 1;
    }
    {
        unsigned complete = f->sessions - (f->last_session_state == MMC_SESSION_COMPLETE ? 0 : 1);
        if (f->disc_status == MMC_DISC_COMPLETE) complete = f->sessions;
        if (complete >= 1 && complete <= f->sessions)
            previous_session(d, complete, &f->prev_session_start, &f->prev_session_last);
    }
    return 0;
}

int mmc_media_physically_blank(const mmc_media_facts *f)
{
    return f->present && f->profile && f->disc_status == MMC_DISC_BLANK;
}

/* Media IMAPI appends no second session to (spec section 5: "DVD-RW sequential mode
 * sessions are not supported"; DVD-R DL incremental is single-session by MMC-5): every
 * Data write closes them, so they are always in their final session. */
static int single_session_media(uint16_t profile)
{
    return profile == MMC_PROFILE_DVD_DASH_RW_SEQUENTIAL || profile == MMC_PROFILE_DVD_DASH_R_DL_SEQUENTIAL;
}

uint32_t mmc_media_data_state(const mmc_media_facts *f)
{
    uint32_t s = 0;
    if (!f->present) return MMC_STATE_UNKNOWN;
    if (f->write_class == MMC_CLASS_NONE) return MMC_STATE_UNSUPPORTED_MEDIA;
    if (f->write_protect) s |= MMC_STATE_WRITE_PROTECTED;
    if (f->write_class == MMC_CLASS_OVERWRITE)
    {
        /* [undoc] the state comes from the drive's facts only (no reads): an unformatted
         * medium is physically blank; MediaHeuristicallyBlank answers the rest. */
        s |= MMC_STATE_OVERWRITE_ONLY;
        if (f->disc_status == MMC_DISC_BLANK) s |= MMC_STATE_BLANK;
        return s;
    }
    switch (f->disc_status)
    {
    case MMC_DISC_BLANK:
        s |= MMC_STATE_BLANK;
        break;
    case MMC_DISC_APPENDABLE:
        s |= MMC_STATE_APPENDABLE;
        /* an open session with data in it (a write that was never closed) */
        if (f->last_session_state == MMC_SESSION_INCOMPLETE) s |= MMC_STATE_NON_EMPTY_SESSION;
        if (f->last_session_state == MMC_SESSION_DAMAGED) s |= MMC_STATE_DAMAGED;
        if (!f->nwa_valid) s |= MMC_STATE_DAMAGED;
        break;
    case MMC_DISC_COMPLETE:
        s |= MMC_STATE_FINALIZED;
        /* [undoc] a closed rewritable disc takes data again only after an erase */
        if (f->erasable) s |= MMC_STATE_ERASE_REQUIRED;
        return s;
    default:
        return s | MMC_STATE_DAMAGED;
    }
    /* FINAL_SESSION: the medium takes no further session after the next one, either by
     * nature (single_session_media) or because even a one-block session would leave at
     * most 2 % free, so the 2 % rule closes the disc after it. */
    if (single_session_media(f->profile)) s |= MMC_STATE_FINAL_SESSION;
    else if (f->nwa_valid)
    {
        uint32_t need = 1 + (f->cd ? MMC_CD_POSTGAP + MMC_CD_RUNOUT : 0);
        uint32_t left = f->free_blocks > need ? f->free_blocks - need : 0;
        if ((uint64_t)left * 50 <= f->total_blocks) s |= MMC_STATE_FINAL_SESSION;
    }
    return s;
}

int32_t mmc_media_data_free_sectors(const mmc_media_facts *f, int postgap_in_image)
{
    uint32_t overhead = 0;
    if (!f->present || !f->nwa_valid) return 0;
    if (f->write_class == MMC_CLASS_OVERWRITE) return (int32_t)f->total_blocks;
    if (f->write_class != MMC_CLASS_SEQUENTIAL) return 0;
    /* CD TAO: the 150-block post-gap IMAPI appends (unless the image has it) and the 2
     * run-out blocks that end every track written track at once (the link blocks of
     * Orange Book TAO: libburn reserves the same 2 blocks per track). */
    if (f->cd) overhead = (postgap_in_image ? 0 : MMC_CD_POSTGAP) + MMC_CD_RUNOUT;
    if (f->free_blocks <= overhead) return 0;
    return (int32_t)(f->free_blocks - overhead > 0x7FFFFFFFu ? 0x7FFFFFFFu : f->free_blocks - overhead);
}

int32_t mmc_media_data_check(const mmc_media_facts *f)
{
    if (!f->present) return E_IMAPI_RECORDER_MEDIA_NO_MEDIA;
    if (f->write_class == MMC_CLASS_NONE) return E_IMAPI_DF2DATA_INVALID_MEDIA_STATE;
    if (f->write_class == MMC_CLASS_SEQUENTIAL && !f->nwa_valid) return E_IMAPI_DF2DATA_INVALID_MEDIA_STATE;
    return 0;
}

int mmc_format_media_supported(enum mmc_format_kind kind, const mmc_media_facts *f)
{
    uint32_t s;
    if (!f->present || !mmc_format_writes_profile(kind, f->profile)) return 0;
    switch (kind)
    {
    case MMC_FORMAT_DATA:
        s = mmc_media_data_state(f);
        if (s & MMC_STATE_UNSUPPORTED_MASK) return 0;
        return (s & (MMC_STATE_BLANK | MMC_STATE_APPENDABLE | MMC_STATE_OVERWRITE_ONLY)) != 0;
    case MMC_FORMAT_TAO:
    case MMC_FORMAT_RAW:
        return f->disc_status == MMC_DISC_BLANK && !f->write_protect;
    case MMC_FORMAT_ERASE:
        return !f->write_protect;
    }
    return 0;
}

/* Reads blocks [lba, lba + count) and tells whether all bytes are zero. */
static int32_t range_is_zero(mmc_device *d, uint32_t lba, uint32_t count, int *zero)
{
    enum { CHUNK = 32 };
    uint8_t *buf = malloc((size_t)CHUNK * MMC_SECTOR_DATA);
    int32_t hr = 0;
    *zero = 1;
    if (!buf) return MMC_HR_OUTOFMEMORY;
    while (count && *zero)
    {
        uint32_t n = count < CHUNK ? count : CHUNK, i;
        mmc_command c;
        mmc_cdb_read10(&c, buf, lba, (uint16_t)n, MMC_SECTOR_DATA);
        if ((hr = mmc_dev_execute(d, &c))) break;
        for (i = 0; i < n * MMC_SECTOR_DATA; i++)
            if (buf[i]) { *zero = 0; break; }
        lba += n;
        count -= n;
    }
    free(buf);
    return hr;
}

int32_t mmc_media_heuristically_blank(mmc_device *d, const mmc_media_facts *f, int *blank)
{
    const uint32_t span = 2u * 1024 * 1024 / MMC_SECTOR_DATA;   /* 2 MiB */
    int32_t hr;
    int zero;
    *blank = 0;
    if (!f->present) return E_IMAPI_RECORDER_MEDIA_NO_MEDIA;
    if (mmc_media_physically_blank(f)) { *blank = 1; return 0; }
    if (f->write_class != MMC_CLASS_OVERWRITE) return 0;     /* sequential: physical answer */
    if (f->needs_format) { *blank = 1; return 0; }
    if (!f->total_blocks) return 0;
    if (f->total_blocks <= 2 * span) hr = range_is_zero(d, 0, f->total_blocks, &zero);
    else
    {
        hr = range_is_zero(d, 0, span, &zero);
        if (!hr && zero) hr = range_is_zero(d, f->total_blocks - span, span, &zero);
    }
    if (hr) return hr;
    *blank = zero;
    return 0;
}
