/* Response parsers for MMC data-in commands. Every parser takes the buffer and
 * the number of bytes the drive actually transferred, honours the response's own
 * length fields, and returns 0 or E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE
 * when what it needs is missing, truncated or inconsistent. A response cut short
 * only by our allocation length is fine as long as the needed fields are there;
 * declared lengths that contradict the structure (e.g. a descriptor running past
 * the declared end) are treated as hostile. No parser reads past n. */
#ifndef IMAPI_MMC_PARSE_H
#define IMAPI_MMC_PARSE_H

#include <stddef.h>
#include <stdint.h>
#include "mmc_defs.h"
#include "mmc_addr.h"
#include "mmc_hresult.h"

/* ---- INQUIRY ---- */
typedef struct mmc_inquiry
{
    uint8_t peripheral_qualifier;   /* byte 0 bits 7..5 */
    uint8_t peripheral_type;        /* byte 0 bits 4..0; 5 = MMC device */
    int removable;                  /* RMB */
    char vendor[9];                 /* T10 vendor identification, trailing blanks removed */
    char product[17];
    char revision[5];
} mmc_inquiry;
#define MMC_INQUIRY_MIN_LEN 36
int32_t mmc_parse_inquiry(const uint8_t *buf, size_t n, mmc_inquiry *out);

/* ---- GET CONFIGURATION ---- */
typedef struct mmc_config_header
{
    uint32_t data_length;           /* bytes following the Data Length field */
    uint16_t current_profile;
} mmc_config_header;
int32_t mmc_parse_config_header(const uint8_t *buf, size_t n, mmc_config_header *out);

typedef struct mmc_feature_desc
{
    uint16_t code;
    uint8_t version;                /* byte 2 bits 5..2 */
    int persistent;
    int current;
    uint8_t additional_length;
    const uint8_t *data;            /* additional data (additional_length bytes) */
    const uint8_t *raw;             /* whole descriptor, header included */
    size_t raw_len;                 /* 4 + additional_length */
} mmc_feature_desc;

/* Walks the feature descriptors after the 8-byte header. */
typedef struct mmc_feature_iter
{
    const uint8_t *buf;
    size_t pos;
    size_t end;                     /* min(n, 4 + data length) */
    int cut_by_transfer;            /* end came from n, not from the data length */
    int truncated;                  /* set when the walk stopped at a descriptor cut by n */
} mmc_feature_iter;
int32_t mmc_feature_iter_init(mmc_feature_iter *it, const uint8_t *buf, size_t n);
/* 1: *out filled; 0: no more descriptors; negative HRESULT: malformed. */
int32_t mmc_feature_iter_next(mmc_feature_iter *it, mmc_feature_desc *out);
/* 0 when found, E_IMAPI_RECORDER_NO_SUCH_FEATURE when absent, or the malformed error. */
int32_t mmc_config_find_feature(const uint8_t *buf, size_t n, uint16_t code, mmc_feature_desc *out);

typedef struct mmc_profile_entry
{
    uint16_t profile;
    int current;
} mmc_profile_entry;
#define MMC_MAX_PROFILES 64         /* the 1-byte additional length holds at most 63 */
/* Profile List feature (0000h) -> entries; *count = number of entries (<= MMC_MAX_PROFILES). */
int32_t mmc_parse_profile_list(const mmc_feature_desc *f, mmc_profile_entry *out, size_t *count);

/* ---- GET EVENT STATUS NOTIFICATION (media class) ---- */
typedef struct mmc_event_status
{
    int no_event_available;         /* NEA */
    uint8_t notification_class;     /* byte 2 bits 2..0; 4 = media */
    uint8_t supported_classes;
    int has_media;                  /* a media event descriptor was returned */
    uint8_t media_event_code;       /* 0 no change, 1 eject request, 2 new media, 3 removal, ... */
    int media_present;
    int tray_open;
} mmc_event_status;
#define MMC_GESN_NOTIFICATION_MEDIA 4
int32_t mmc_parse_event_status(const uint8_t *buf, size_t n, mmc_event_status *out);

/* ---- READ DISC INFORMATION (standard, data type 000b) ---- */
enum mmc_disc_status { MMC_DISC_BLANK = 0, MMC_DISC_APPENDABLE = 1, MMC_DISC_COMPLETE = 2, MMC_DISC_OTHER = 3 };
enum mmc_session_state { MMC_SESSION_EMPTY = 0, MMC_SESSION_INCOMPLETE = 1, MMC_SESSION_DAMAGED = 2,
                         MMC_SESSION_COMPLETE = 3 };
typedef struct mmc_disc_info
{
    enum mmc_disc_status disc_status;
    enum mmc_session_state last_session_state;
    int erasable;
    uint8_t first_track;
    uint16_t sessions;
    uint16_t first_track_last_session;
    uint16_t last_track_last_session;
    uint8_t bg_format_status;       /* byte 7 bits 1..0 */
    uint8_t disc_type;              /* byte 8: 00h CD-DA/CD-ROM, 10h CD-I, 20h CD-ROM XA */
    int has_addresses;              /* the two fields below were present */
    /* Raw 4-byte fields; on CD they hold MSF (00 M S F), elsewhere an LBA. */
    uint32_t last_session_leadin_start;
    uint32_t last_possible_leadout_start;
} mmc_disc_info;
int32_t mmc_parse_disc_info(const uint8_t *buf, size_t n, mmc_disc_info *out);
/* CD: the two address fields above hold 00h M S F; converts one to an LBA
 * (lead-in MSFs become negative). Fails on a non-zero first byte or invalid MSF,
 * which includes FFFFFFFFh ("not available"). */
int32_t mmc_disc_info_msf_to_lba(uint32_t field, int32_t *lba);

/* ---- READ TRACK INFORMATION ---- */
typedef struct mmc_track_info
{
    uint16_t track;
    uint16_t session;
    int damage, copy;
    uint8_t track_mode;             /* byte 5 bits 3..0 (CD control nibble) */
    int reserved_track;             /* RT */
    int blank;
    int packet;
    int fixed_packet;
    uint8_t data_mode;              /* byte 6 bits 3..0 */
    int nwa_valid;
    int lra_valid;
    uint32_t track_start;
    uint32_t next_writable;
    uint32_t free_blocks;
    uint32_t packet_size;
    uint32_t track_size;
    uint32_t last_recorded;         /* 0 unless present in the response */
} mmc_track_info;
int32_t mmc_parse_track_info(const uint8_t *buf, size_t n, mmc_track_info *out);

/* ---- READ TOC/PMA/ATIP ---- */
typedef struct mmc_toc_header
{
    uint16_t data_length;
    uint8_t first;                  /* first track (format 0) / first session (1, 2) */
    uint8_t last;
} mmc_toc_header;

typedef struct mmc_toc_track
{
    uint8_t adr, control;
    uint8_t track;                  /* 0xAA = lead-out */
    int32_t lba;                    /* converted from MSF when the response was in MSF */
} mmc_toc_track;
#define MMC_TOC_LEADOUT 0xAA
/* Formats 0 and 1 (8-byte descriptors). msf: the CDB had MSF=1. *count receives the
 * number of descriptors present; at most cap are written to out. */
int32_t mmc_parse_toc(const uint8_t *buf, size_t n, int msf, mmc_toc_header *hdr,
                      mmc_toc_track *out, size_t cap, size_t *count);

typedef struct mmc_toc_full_entry
{
    uint8_t session, adr, control, tno, point;
    mmc_msf atime;                  /* Min, Sec, Frame */
    mmc_msf p;                      /* PMIN, PSEC, PFRAME */
} mmc_toc_full_entry;
/* Full TOC point codes */
#define MMC_POINT_FIRST_TRACK 0xA0
#define MMC_POINT_LAST_TRACK  0xA1
#define MMC_POINT_LEADOUT     0xA2
int32_t mmc_parse_full_toc(const uint8_t *buf, size_t n, mmc_toc_header *hdr,
                           mmc_toc_full_entry *out, size_t cap, size_t *count);
/* Lead-out start of the given session from full TOC entries (point A2h). */
int32_t mmc_full_toc_leadout(const mmc_toc_full_entry *e, size_t count, uint8_t session, int32_t *lba);

typedef struct mmc_atip
{
    uint8_t writing_power;          /* indicative target writing power */
    uint8_t reference_speed;
    int unrestricted_use;           /* URU */
    int disc_type_rw;               /* Disc Type bit: 0 CD-R, 1 CD-RW */
    uint8_t disc_subtype;
    int a1_valid, a2_valid, a3_valid;
    mmc_msf leadin_start;
    mmc_msf last_leadout_start;
    int32_t leadin_start_lba;       /* negative: lead-in */
    int32_t last_leadout_start_lba;
} mmc_atip;
int32_t mmc_parse_atip(const uint8_t *buf, size_t n, mmc_atip *out);

/* CD-TEXT (format 5): the raw 18-byte packs. *packs points into buf; *pack_count whole packs. */
#define MMC_CDTEXT_PACK_LEN 18
int32_t mmc_parse_cdtext(const uint8_t *buf, size_t n, const uint8_t **packs, size_t *pack_count);

/* ---- READ CAPACITY ---- */
int32_t mmc_parse_read_capacity(const uint8_t *buf, size_t n, uint32_t *last_lba, uint32_t *block_len);

/* ---- READ FORMAT CAPACITIES ---- */
typedef struct mmc_format_capacity
{
    uint32_t blocks;
    uint8_t type;                   /* current/max descriptor: 1 unformatted, 2 formatted, 3 no media;
                                       formattable descriptors: format type (byte 4 bits 7..2) */
    uint32_t parameter;             /* block length (current/max) or type-dependent parameter */
} mmc_format_capacity;
#define MMC_CAPACITY_UNFORMATTED 1
#define MMC_CAPACITY_FORMATTED   2
#define MMC_CAPACITY_NO_MEDIA    3
/* *current gets the current/maximum descriptor; out[0..min(cap,count)) the formattable ones. */
int32_t mmc_parse_format_capacities(const uint8_t *buf, size_t n, mmc_format_capacity *current,
                                    mmc_format_capacity *out, size_t cap, size_t *count);

/* ---- READ DISC STRUCTURE, format 00h ---- */
typedef struct mmc_dvd_physical
{
    uint8_t book_type;              /* disc category: 0 DVD-ROM, 1 DVD-RAM, 2 DVD-R, 3 DVD-RW, 9 DVD+RW, 10 DVD+R, ... */
    uint8_t part_version;
    uint8_t disc_size;
    uint8_t max_rate;
    uint8_t layers;                 /* number of layers (field + 1) */
    int opposite_track_path;
    uint8_t layer_type;
    uint32_t data_start_psn;
    uint32_t data_end_psn;
    uint32_t layer0_end_psn;
} mmc_dvd_physical;
int32_t mmc_parse_dvd_physical(const uint8_t *buf, size_t n, mmc_dvd_physical *out);

typedef struct mmc_bd_disc_info
{
    char disc_type_id[4];           /* "BDO" (ROM), "BDR", "BDW" (RE) */
    uint8_t disc_size;              /* byte 11 bits 7..6 of the first DI unit */
    uint8_t disc_class;             /* bits 5..4 */
    uint8_t version;                /* bits 3..0 */
} mmc_bd_disc_info;
int32_t mmc_parse_bd_disc_info(const uint8_t *buf, size_t n, mmc_bd_disc_info *out);
/* Strips the 4-byte header: data and len = the payload inside min(n, 2 + data length). */
int32_t mmc_parse_structure_payload(const uint8_t *buf, size_t n, const uint8_t **data, size_t *len);

/* ---- MODE SENSE(10) ---- */
typedef struct mmc_mode_header
{
    uint16_t mode_data_length;
    uint8_t medium_type;
    uint8_t device_specific;
    uint16_t block_desc_length;
} mmc_mode_header;
#define MMC_MODE_HEADER10_LEN 8
int32_t mmc_parse_mode_header(const uint8_t *buf, size_t n, mmc_mode_header *out);
/* Finds the page (page code 0..3Fh, sub-page 0) after header and block descriptors;
 * page and page_len give the whole page including its 2-byte header.
 * E_IMAPI_RECORDER_NO_SUCH_MODE_PAGE when absent. */
int32_t mmc_mode_find_page(const uint8_t *buf, size_t n, uint8_t page_code,
                           const uint8_t **page, size_t *page_len);
/* Lists the page codes present; *count pages found, at most cap written. */
int32_t mmc_mode_list_pages(const uint8_t *buf, size_t n, uint8_t *codes, size_t cap, size_t *count);

typedef struct mmc_caps_page      /* page 2Ah, "CD/DVD capabilities and mechanical status" */
{
    int read_cdr, read_cdrw, read_dvdrom, read_dvdr, read_dvdram;
    int write_cdr, write_cdrw, write_dvdr, write_dvdram, test_write;
    int buffer_underrun_free, multisession;
    int can_eject, can_lock, locked;
    uint8_t loading_mechanism;
    uint16_t max_read_speed;        /* kB/s (obsolete field, 0 if absent) */
    uint16_t buffer_size_kb;
    uint16_t current_read_speed;
    int has_write_speeds;
    uint16_t max_write_speed;
    uint16_t current_write_speed;
    uint16_t current_write_speed_selected;  /* byte 28..29 when present */
    uint16_t write_speed_descriptors;       /* number of descriptors present in the page */
} mmc_caps_page;
/* page points at the page header (as from mmc_mode_find_page). */
int32_t mmc_parse_caps_page(const uint8_t *page, size_t page_len, mmc_caps_page *out);
/* i-th write speed descriptor of page 2Ah (kB/s, rotation control). */
int32_t mmc_caps_write_speed(const uint8_t *page, size_t page_len, size_t i, uint16_t *kbps, uint8_t *rotation);

typedef struct mmc_write_params   /* page 05h */
{
    int buffer_underrun_free;       /* BUFE */
    int ls_valid;
    int test_write;
    uint8_t write_type;             /* 0 packet, 1 TAO, 2 SAO/DAO, 3 raw, 4 layer jump */
    uint8_t multisession;
    int fixed_packet;
    int copy;
    uint8_t track_mode;
    uint8_t data_block_type;
    uint8_t link_size;
    uint8_t host_application_code;
    uint8_t session_format;
    uint32_t packet_size;
    uint16_t audio_pause_length;
} mmc_write_params;
int32_t mmc_parse_write_params(const uint8_t *page, size_t page_len, mmc_write_params *out);

/* ---- GET PERFORMANCE ---- */
typedef struct mmc_write_speed_desc
{
    uint8_t wrc;                    /* write rotation control: 0 CLV/default, 1 CAV */
    int rdd, exact, mrw;
    uint32_t end_lba;
    uint32_t read_kbps;
    uint32_t write_kbps;
} mmc_write_speed_desc;
int32_t mmc_parse_write_speeds(const uint8_t *buf, size_t n, mmc_write_speed_desc *out,
                               size_t cap, size_t *count);

typedef struct mmc_performance_desc
{
    uint32_t start_lba, start_kbps, end_lba, end_kbps;
} mmc_performance_desc;
int32_t mmc_parse_performance(const uint8_t *buf, size_t n, int *write, mmc_performance_desc *out,
                              size_t cap, size_t *count);

/* ---- READ BUFFER CAPACITY (Block = 0) ---- */
int32_t mmc_parse_buffer_capacity(const uint8_t *buf, size_t n, uint32_t *buffer_len, uint32_t *blank_len);

/* ---- Sense data (REQUEST SENSE or the transport's sense buffer) ---- */
typedef struct mmc_sense
{
    uint8_t response_code;          /* 70h/71h fixed, 72h/73h descriptor */
    int deferred;                   /* 71h/73h */
    uint8_t key, asc, ascq;
} mmc_sense;
int32_t mmc_parse_sense(const uint8_t *buf, size_t n, mmc_sense *out);

#endif
