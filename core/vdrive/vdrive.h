/* The emulated MMC recorder: a drive model that answers CDBs as an MMC-6 drive would,
 * with its state in a directory (configuration, metadata, sparse disc image) so that
 * several processes - native tools, Wine processes hosting imapi2.dll - share one drive.
 *
 * Use from the COM layer: vdrive_transport_open(dir) gives an mmc_transport; the list of
 * configured recorder directories comes from vdrive_list_configured(). */
#ifndef IMAPI_VDRIVE_H
#define IMAPI_VDRIVE_H

#include <stddef.h>
#include <stdint.h>
#include "mmc/mmc_transport.h"

typedef struct vdrive vdrive;

#define VDRIVE_MAX_PROFILES 16
#define VDRIVE_MAX_SPEEDS   8

typedef struct vdrive_fault vdrive_fault;

/* An injected fault: fires on a matching command (opcode and/or LBA range). */
enum vdrive_fault_kind
{
    VDRIVE_FAULT_SENSE   = 0, /* CHECK CONDITION with the given sense */
    VDRIVE_FAULT_TIMEOUT = 1, /* execute() returns MMC_STATUS_TIMEOUT */
    VDRIVE_FAULT_REMOVE_MEDIA = 2,  /* the disc vanishes as the command arrives */
    VDRIVE_FAULT_WRITE_PROTECT = 3  /* the disc becomes write protected as it arrives */
};

struct vdrive_fault
{
    enum vdrive_fault_kind kind;
    int opcode;              /* -1: any opcode */
    int64_t lba_first;       /* -1: any LBA; else commands whose LBA range overlaps */
    int64_t lba_last;
    uint8_t sk, asc, ascq;
    int once;                /* removed after firing once */
};

#define VDRIVE_MAX_FAULTS 16

/* The drive's identity and abilities: config.txt in the recorder directory. */
typedef struct vdrive_config
{
    char vendor[9];          /* INQUIRY vendor identification (8 chars) */
    char product[17];        /* product identification (16 chars) */
    char revision[5];        /* product revision level (4 chars) */
    char serial[33];         /* VPD page 80h unit serial number */
    uint16_t profiles[VDRIVE_MAX_PROFILES]; /* supported media profiles */
    unsigned nprofiles;
    unsigned buffer_kb;      /* write buffer size */
    unsigned becoming_ready; /* TEST UNIT READYs answering 02/04/01 after a load */
    int unit_attention;      /* report 06/28/00 once after a media change (off by default) */
    int manual_load;         /* a slot/caddy drive: ejects, but cannot pull a disc in (off by default) */
    int realtime;            /* take WRITE data no faster than the write speed: a WRITE the
                              * buffer has no room for answers 02/04/08 (off by default) */
    /* write speeds as multiples of 1x (CD 176.4 kB/s, DVD 1385 kB/s, BD 4496 kB/s) */
    unsigned cd_speeds[VDRIVE_MAX_SPEEDS], ncd_speeds;
    unsigned dvd_speeds[VDRIVE_MAX_SPEEDS], ndvd_speeds;
    unsigned bd_speeds[VDRIVE_MAX_SPEEDS], nbd_speeds;
    /* faults from the configuration apply to every command ("once" is ignored here;
     * once-faults live in the drive state, see vdrive_add_fault) */
    vdrive_fault faults[VDRIVE_MAX_FAULTS];
    unsigned nfaults;
} vdrive_config;

void vdrive_config_default(vdrive_config *c);

/* Fault text, as in config.txt, the metadata and the CLI:
 *   [op=2a] [lba=100[-200]] (sense=03/0c/09 | timeout | remove | protect) [once]
 * (opcode and sense bytes in hex, LBAs decimal). */
int vdrive_fault_parse(const char *text, vdrive_fault *f);
void vdrive_fault_format(const vdrive_fault *f, char *out, size_t size);

/* Create a recorder directory (config.txt + empty drive state, tray closed, no media). */
int vdrive_create(const char *dir, const vdrive_config *c);
/* A handle serves one thread at a time (the caller serializes); any number of handles, in
 * any number of processes, may be open on one directory. */
int vdrive_open(const char *dir, vdrive **out);
/* vdrive_open that also explains a failure in one line (for a malformed config.txt or
 * state.txt: the file, the line and what is wrong), for the operator's tools. */
int vdrive_open_why(const char *dir, vdrive **out, char *why, size_t why_size);
void vdrive_close(vdrive *vd);

/* Run one CDB against the model; returns an enum mmc_status. */
int vdrive_execute(vdrive *vd, mmc_command *cmd);

/* The seam for the COM layer: an mmc_transport over a recorder directory. */
int vdrive_transport_open(const char *dir, mmc_transport **out);

/* Configured recorder directories: IMAPI_VDRIVE_DIRS, entries separated by ';'.
 * Returns the count; *dirs is an array of strings, free with vdrive_list_free. */
unsigned vdrive_list_configured(char ***dirs);
void vdrive_list_free(char **dirs, unsigned count);

/* Operator actions (CLI, tests). Each takes the drive lock and commits. */
int vdrive_insert_blank(vdrive *vd, uint16_t profile);
/* Pressed media (CD-ROM, DVD-ROM, BD-ROM) carrying an image file's bytes. */
int vdrive_insert_rom(vdrive *vd, uint16_t profile, const char *image_path);
int vdrive_open_tray(vdrive *vd, int force);   /* force ignores the prevent lock */
int vdrive_close_tray(vdrive *vd);
int vdrive_remove_media(vdrive *vd);           /* take the disc away (tray left as is) */
int vdrive_set_write_protect(vdrive *vd, int on);
int vdrive_add_fault(vdrive *vd, const vdrive_fault *f);
int vdrive_clear_faults(vdrive *vd);
/* Human-readable state; free() the string. */
int vdrive_describe(vdrive *vd, char **text);

/* Export: ISO of data track(s) (track 0 = the data tracks of the last session), and
 * BIN/CUE for CD: a disc of 2352-byte tracks (audio, raw data) in one session as one
 * NAME.bin holding every sector from track 1 on, with INDEX 00 for the gaps between
 * tracks; other discs as one NAME-NN.bin per track (data as 2048-byte user data). */
int vdrive_export_iso(vdrive *vd, unsigned track, const char *path);
int vdrive_export_bincue(vdrive *vd, const char *cue_path);

/* Test hook: replace the millisecond clock used by the write-buffer model. */
void vdrive_set_clock(vdrive *vd, uint64_t (*now_ms)(void *ctx), void *ctx);
/* Test hook: called at named points inside commands ("write": data is in disc.img, the
 * state not yet updated; "commit"/"committed": before/after state.txt is replaced), so
 * crash tests can kill the process exactly there. */
void vdrive_set_step_hook(vdrive *vd, void (*hook)(void *ctx, const char *step), void *ctx);

/* Media names used by the CLI ("cdr", "dvd+r", ...) */
int vdrive_media_from_name(const char *name, uint16_t *profile);
const char *vdrive_media_name(uint16_t profile);
/* Each table entry in order; returns 0 past the end. */
int vdrive_media_enum(unsigned index, uint16_t *profile, const char **name, const char **description);

/* Error codes beyond core_file's: */
#define VDRIVE_E_FORMAT  (-100)  /* a metadata/config file is malformed or too new */
#define VDRIVE_E_STATE   (-101)  /* the action is not possible in this drive state */
#define VDRIVE_E_LOST    (-103)  /* disc.img lacks sectors the state says were recorded */

#endif
