/* Internal shape of the emulated recorder: the persisted drive state, the per-open
 * handle, and the functions the command handlers share. */
#ifndef IMAPI_VDRIVE_INTERNAL_H
#define IMAPI_VDRIVE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "vdrive.h"
#include "vdrive_bytes.h"
#include "io/core_file.h"

#define VD_MAX_TRACKS 128
#define VD_MAX_INDEX 8        /* indexes 2.. kept per CD track (more are not recorded) */
/* CD multi-session overhead between the end of one session's last track and the next
 * session's first track: lead-out (6750 blocks for the first session, 2250 after) plus
 * the next lead-in (4500) plus the first track's pre-gap (150). */
#define CD_FIRST_SESSION_OVERHEAD (6750 + 4500 + 150)
#define CD_LATER_SESSION_OVERHEAD (2250 + 4500 + 150)
#define VD_MAX_FAULTS VDRIVE_MAX_FAULTS
#define VD_STATE_VERSION 1

enum vd_family { VD_CD = 0, VD_DVD = 1, VD_BD = 2 };

enum vd_kind
{
    VD_ROM = 0,        /* pressed, read only */
    VD_SEQUENTIAL = 1, /* tracks written at the NWA (CD-R/RW, DVD-R/RW seq, DVD+R, BD-R SRM) */
    VD_OVERWRITE = 2   /* random writable once formatted (DVD+RW, DVD-RAM, BD-RE, DVD-RW RO) */
};

typedef struct vd_media_info
{
    uint16_t profile;
    const char *name;         /* CLI name */
    const char *description;
    enum vd_family family;
    enum vd_kind kind;
    int erasable;             /* BLANK / FORMAT possible again */
    int needs_format;         /* inserted unformatted (DVD+RW, BD-RE) */
    uint32_t capacity;        /* blocks: last possible lead-out / formatted capacity */
    uint8_t book_type;        /* DVD physical format book type */
    uint8_t layers;
} vd_media_info;

const vd_media_info *vd_media_find(uint16_t profile);
/* The most blocks a medium can hold: its capacity, or for BD-RE formatted without
 * spare areas the whole user area. */
uint32_t vd_media_max_capacity(const vd_media_info *m);
#define VD_BD_CAPACITY           12219392u   /* BD 25 GB user area without spares */
#define VD_BD_RE_SPARED_CAPACITY 11826176u   /* BD-RE 25 GB with the default spare areas */

/* One track. Sequential media keep an open ("invisible"/"incomplete") track last. */
typedef struct vd_track
{
    int32_t start;       /* first LBA */
    uint32_t size;       /* fixed size in blocks once closed or reserved; 0 while open */
    uint32_t written;    /* blocks recorded from start */
    uint16_t session;
    uint8_t audio;       /* CD-DA track */
    uint8_t raw;         /* sectors stored as 2352 raw bytes */
    uint8_t closed;      /* fixed: closed or reserved */
    uint16_t host_bytes; /* SAO: bytes per sector the host sends for this track (0: none) */
    /* CD extras (vdrive_cd.c): what the Q sub-channel / cue sheet said of the track */
    uint8_t control;     /* Q control bits besides "data": copy permitted 2, pre-emphasis 1 */
    uint32_t pregap;     /* sectors of index 0 before start (the pre-gap written with it) */
    uint8_t nindex;
    int32_t index[VD_MAX_INDEX];   /* LBAs of index 2, 3, ... */
    char isrc[13];       /* "" or CCOOOYYNNNNN */
} vd_track;

/* The persisted drive state (metadata file). */
typedef struct vd_state
{
    uint64_t generation;     /* bumped on every commit; reload when it differs */
    int tray_open;
    int media_present;
    uint16_t profile;        /* current profile; 0 without media */
    uint32_t becoming_ready; /* TURs still to answer "becoming ready" */
    int write_protected;
    int prevent;             /* PREVENT ALLOW MEDIUM REMOVAL */
    int formatted;           /* overwrite media: formatted */
    uint32_t capacity;       /* blocks usable for user data */
    int finalized;           /* disc closed: nothing more can be appended */
    unsigned sessions_closed;
    unsigned ntracks;
    vd_track tracks[VD_MAX_TRACKS];
    unsigned write_speed;    /* kB/s */
    unsigned read_speed;     /* kB/s */
    uint8_t media_event;     /* pending GESN media event code (0 none) */
    int ua_pending;          /* a media change not yet reported as UNIT ATTENTION */
    uint8_t page01[12], page05[52], page08[12], page1a[12], page1d[12];
    unsigned nfaults;
    vdrive_fault faults[VD_MAX_FAULTS];
    /* disc at once: 1 = SAO after SEND CUE SHEET (the host streams from sao_next up to
     * sao_end, pre-gaps included); 2 = raw (write type 3: lead-in, program area and
     * lead-out with subcode; tracks come from the Q sub-channel, sao_end = lead-out start
     * once seen, else -1). The session closes at SYNCHRONIZE CACHE after the lead-out. */
    int sao_active;
    int32_t sao_next, sao_end;
    /* an immediate BLANK / FORMAT UNIT still "running" (vdrive_cmd_blank.c) */
    int busy_kind;           /* VD_BUSY_* */
    uint64_t busy_start_ms, busy_total_ms;
    char mcn[14];            /* media catalogue number recorded with the disc, "" none */
} vd_state;
enum { VD_BUSY_NONE = 0, VD_BUSY_BLANK = 1, VD_BUSY_FORMAT = 2 };

struct vdrive
{
    char *dir;
    char *meta_path, *config_path, *image_path, *lock_path;
    core_file *lock;         /* byte 0: command lock; byte 1: presence (shared, lifetime) */
    core_file *image;
    vdrive_config cfg;
    vd_state st;
    int locked;
    int held;                /* the command lock kept from our last command (vd_end) */
    int snapshot;            /* this vd_begin runs without the command lock (an open) */
    int dirty_marked;        /* holding the "uncommitted writes" byte of the lock file */
    uint64_t presence_ms;    /* when others_present last looked (0: never) */
    int presence_seen;       /* and whether it saw another open then */
    int opening;             /* vdrive_open's first load: do not wait for another owner */
    struct vd_parse_error *open_err; /* vdrive_open: where a malformed state.txt is reported */
    int meta_dirty;          /* state changed: commit before unlocking */
    int data_dirty;          /* writes since the last commit (committed lazily) */
    uint64_t committed_ms;   /* when this open last committed the state (core_time_ms) */
    uint64_t bytes_since_sync_behind;   /* WRITE data since the last core_file_sync_behind */
    uint8_t sense[MMC_SENSE_LEN]; /* for REQUEST SENSE */
    /* write buffer model (per open: it is the host's stream, not the disc's) */
    uint64_t buf_fill;
    uint64_t buf_last_ms;
    int streaming;
    int ran_dry;             /* the buffer ran empty while streaming, not yet told to a WRITE */
    uint64_t (*clock)(void *ctx);
    void *clock_ctx;
    void (*step_hook)(void *ctx, const char *step);
    void *step_ctx;
    int32_t pending_pregap;  /* raw recording: where the next track's index 0 began, -1 none */
};

/* --- sense helpers (vdrive_sense.c) --- */
int vd_sense(mmc_command *cmd, uint8_t sk, unsigned asc_ascq); /* MMC_ASCQ_* */
int vd_invalid_cdb(mmc_command *cmd);        /* 05/24/00 */
int vd_invalid_param(mmc_command *cmd);      /* 05/26/00 */
int vd_not_ready(vdrive *vd, mmc_command *cmd); /* 02/3A/xx or 02/04/01 by state */
/* Copy a built response to the host buffer, honouring allocation length. */
int vd_reply(mmc_command *cmd, const void *data, size_t len, size_t alloc);

/* --- disc model (vdrive_disc.c) --- */
const vd_media_info *vd_media(const vdrive *vd);
int vd_media_ready(const vdrive *vd);
enum vd_family vd_family(const vdrive *vd);
int vd_is_sequential(const vdrive *vd);
int vd_is_writable_profile(uint16_t profile);
vd_track *vd_open_track(vdrive *vd);        /* the invisible/incomplete track or NULL */
uint32_t vd_next_writable(vdrive *vd);      /* NWA of the open track */
uint32_t vd_free_blocks(vdrive *vd);
int32_t vd_last_recorded(vdrive *vd);       /* last recorded LBA, -1 when none */
unsigned vd_disc_status(vdrive *vd);        /* 0 blank, 1 appendable, 2 complete, 3 other */
unsigned vd_last_session_status(vdrive *vd);
unsigned vd_session_count(vdrive *vd);
vd_track *vd_track_at(vdrive *vd, int64_t lba);
void vd_disc_blank(vdrive *vd);             /* fresh blank state for the current profile */
void vd_disc_format(vdrive *vd, uint32_t blocks);
int vd_close_track(vdrive *vd);
int vd_close_session(vdrive *vd, int finalize);
int vd_reserve_track(vdrive *vd, uint32_t blocks);
uint32_t vd_sector_stride(const vdrive *vd);        /* bytes per sector in the image */
uint64_t vd_image_offset(const vdrive *vd, int64_t lba);
void vd_default_pages(vd_state *st, const vdrive_config *cfg);
unsigned vd_speed_unit(const vdrive *vd);            /* kB/s at 1x for the media family */
int vd_atip_leadin(const vdrive *vd);         /* LBA of the ATIP lead-in start */
void vd_speed_list(const vdrive *vd, unsigned *speeds, unsigned *n); /* kB/s, descending */

/* --- persistence (vdrive_store.c, vdrive_meta.c, vdrive_config.c) --- */
/* lock + reload if another open committed; waits (a bounded time) while another open
 * holds uncommitted writes, then fails with VD_E_OWNER_BUSY (an open then starts from
 * the last committed state instead) */
int vd_begin(vdrive *vd);
/* After a crash: advance the state over blocks already in disc.img (vdrive_recover.c);
 * 1 when the state changed. Only with no open holding uncommitted writes. */
int vd_reconcile(vdrive *vd);
/* CD track type the current write parameters record (page 05h). */
void vd_track_mode(vdrive *vd, uint8_t *audio, uint8_t *raw);
/* Test hook: a named point of a command was reached (see vdrive_set_step_hook). */
void vd_step(vdrive *vd, const char *step);
#define VD_E_OWNER_BUSY (-102)
void vd_end(vdrive *vd);                    /* commit if needed + unlock */
int vd_commit(vdrive *vd, int durable);
char *vd_meta_format(const vd_state *st);
/* Parse and validate; a malformed file fails with VDRIVE_E_FORMAT and *err (if given)
 * says which line and why. */
struct vd_parse_error;
int vd_meta_parse(const char *text, vd_state *st, struct vd_parse_error *err);
char *vd_config_format(const vdrive_config *c);
int vd_config_parse(const char *text, vdrive_config *c, struct vd_parse_error *err);
int vd_image_read(vdrive *vd, int64_t lba, uint32_t count, uint32_t bytes_per, uint32_t skip, uint8_t *out);
int vd_image_write(vdrive *vd, int64_t lba, uint32_t count, uint32_t bytes_per, const uint8_t *in);
uint64_t vd_now_ms(vdrive *vd);
/* Write buffer model: empty it at the current write speed since the last look;
 * returns 1 when it ran dry while a write stream was active (an underrun). */
int vd_buffer_drain(vdrive *vd);

/* --- command handlers (vdrive_cmd_*.c) --- */
typedef int (*vd_handler)(vdrive *vd, mmc_command *cmd);
int vd_cmd_test_unit_ready(vdrive *vd, mmc_command *cmd);
int vd_cmd_request_sense(vdrive *vd, mmc_command *cmd);
int vd_cmd_inquiry(vdrive *vd, mmc_command *cmd);
int vd_cmd_start_stop(vdrive *vd, mmc_command *cmd);
int vd_cmd_prevent_allow(vdrive *vd, mmc_command *cmd);
int vd_cmd_event_status(vdrive *vd, mmc_command *cmd);
int vd_cmd_get_configuration(vdrive *vd, mmc_command *cmd);
int vd_cmd_disc_info(vdrive *vd, mmc_command *cmd);
int vd_cmd_track_info(vdrive *vd, mmc_command *cmd);
int vd_cmd_read_toc(vdrive *vd, mmc_command *cmd);
int vd_cmd_read_capacity(vdrive *vd, mmc_command *cmd);
int vd_cmd_format_capacities(vdrive *vd, mmc_command *cmd);
int vd_cmd_disc_structure(vdrive *vd, mmc_command *cmd);
int vd_cmd_mode_sense10(vdrive *vd, mmc_command *cmd);
int vd_cmd_mode_select10(vdrive *vd, mmc_command *cmd);
int vd_cmd_get_performance(vdrive *vd, mmc_command *cmd);
int vd_cmd_set_cd_speed(vdrive *vd, mmc_command *cmd);
int vd_cmd_set_streaming(vdrive *vd, mmc_command *cmd);
int vd_cmd_buffer_capacity(vdrive *vd, mmc_command *cmd);
int vd_cmd_read(vdrive *vd, mmc_command *cmd);
int vd_cmd_read_cd(vdrive *vd, mmc_command *cmd);
int vd_cmd_write(vdrive *vd, mmc_command *cmd);
int vd_cmd_sync_cache(vdrive *vd, mmc_command *cmd);
int vd_cmd_close_track_session(vdrive *vd, mmc_command *cmd);
int vd_cmd_reserve_track(vdrive *vd, mmc_command *cmd);
int vd_cmd_blank(vdrive *vd, mmc_command *cmd);
int vd_cmd_format_unit(vdrive *vd, mmc_command *cmd);
/* vdrive_cmd_blank.c: the Immed forms with progress, and the gate while they run
 * (-1: the command runs as usual, else its status). */
int vd_cmd_blank_immed(vdrive *vd, mmc_command *cmd);
int vd_cmd_format_unit_immed(vdrive *vd, mmc_command *cmd);
int vd_busy_gate(vdrive *vd, mmc_command *cmd);
int vd_cmd_send_cue_sheet(vdrive *vd, mmc_command *cmd);
int vd_cmd_send_opc(vdrive *vd, mmc_command *cmd);
/* CD sub-channel facts (vdrive_cd.c): READ SUB-CHANNEL, the Q control of a track, and
 * the MCN / ISRC / index lines of state.txt */
int vd_cmd_read_subchannel(vdrive *vd, mmc_command *cmd);
uint8_t vd_track_control(const vd_track *t);     /* TOC / track information control nibble */
/* A raw sector's Q (ADR 1 index 0/2+, ADR 2 MCN, ADR 3 ISRC) noted for the track `t`
 * being recorded (NULL before track 1's index 1; then only the MCN is kept). */
void vd_cd_note_q(vdrive *vd, vd_track *t, const uint8_t q[12], int64_t lba);
struct vd_text;
void vd_cd_format_state(const vd_state *st, struct vd_text *out);
/* One "mcn", "isrc" or "index" line of state.txt; 1 handled, 0 not such a line, -1 bad. */
int vd_cd_parse_state_line(vd_state *st, const char *key, char *rest);
/* raw (write type 3) recording, vdrive_cmd_raw.c */
int vd_write_raw(vdrive *vd, mmc_command *cmd, int64_t lba, uint32_t count);
void vd_finish_raw(vdrive *vd);
/* close a disc-at-once session whose tracks are laid out, lead-out at sao_end */
void vd_finish_dao(vdrive *vd);
/* buffer model bookkeeping for a write of the given bytes; nonzero = loss of streaming */
int vd_buffer_take(vdrive *vd, uint64_t bytes);

/* The LBA range a command touches, for fault matching; 0 if it has none. */
int vd_command_lba_range(const mmc_command *cmd, int64_t *first, int64_t *last);

#endif
