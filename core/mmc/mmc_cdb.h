/* CDB builders: one function per MMC command, each filling an mmc_command
 * (cdb, cdb_len, dir, len, default timeout) for a caller-supplied buffer.
 * Byte layouts follow MMC-6 / SPC-4; every multi-byte field is big-endian.
 * Builders clear the whole command first, so results of a previous use vanish. */
#ifndef IMAPI_MMC_CDB_H
#define IMAPI_MMC_CDB_H

#include <stddef.h>
#include <stdint.h>
#include "mmc_transport.h"

/* Default timeouts in seconds. Commands that may legitimately run for minutes
 * (erasing, formatting, closing a session, flushing a full cache) get the long
 * one unless the Immed bit asks the drive to return at once. */
#define MMC_TIMEOUT_DEFAULT 10
#define MMC_TIMEOUT_MEDIUM  60     /* media movement, spin-up, read/write transfers, OPC */
#define MMC_TIMEOUT_LONG    3600   /* BLANK, FORMAT UNIT, CLOSE TRACK/SESSION, SYNCHRONIZE CACHE */

/* GET CONFIGURATION RT field */
enum mmc_config_rt
{
    MMC_RT_ALL = 0,       /* all features from the starting one */
    MMC_RT_CURRENT = 1,   /* only current features from the starting one */
    MMC_RT_ONE = 2        /* the header plus the one starting feature, if any */
};

/* GET EVENT STATUS NOTIFICATION class request bits */
#define MMC_GESN_CLASS_OPERATIONAL 0x02
#define MMC_GESN_CLASS_POWER       0x04
#define MMC_GESN_CLASS_EXTERNAL    0x08
#define MMC_GESN_CLASS_MEDIA       0x10
#define MMC_GESN_CLASS_MULTI_HOST  0x20
#define MMC_GESN_CLASS_BUSY        0x40

/* READ TRACK INFORMATION address/number type (values as IMAPI_READ_TRACK_ADDRESS_TYPE) */
enum mmc_track_addr_type
{
    MMC_TRACK_ADDR_LBA = 0,
    MMC_TRACK_ADDR_TRACK = 1,
    MMC_TRACK_ADDR_SESSION = 2
};
#define MMC_TRACK_INVISIBLE 0xFF  /* track number of the incomplete (invisible) track */

/* READ TOC/PMA/ATIP formats */
enum mmc_toc_format
{
    MMC_TOC_FORMAT_TOC = 0,
    MMC_TOC_FORMAT_SESSION = 1,
    MMC_TOC_FORMAT_FULL = 2,
    MMC_TOC_FORMAT_PMA = 3,
    MMC_TOC_FORMAT_ATIP = 4,
    MMC_TOC_FORMAT_CDTEXT = 5
};

/* READ DISC STRUCTURE media type field */
enum mmc_structure_media
{
    MMC_STRUCTURE_MEDIA_DVD = 0,   /* DVD and HD DVD */
    MMC_STRUCTURE_MEDIA_BD = 1
};

/* GET PERFORMANCE type field */
#define MMC_PERF_TYPE_PERFORMANCE 0x00
#define MMC_PERF_TYPE_WRITE_SPEED 0x03

/* START STOP UNIT actions */
enum mmc_start_stop
{
    MMC_SSU_STOP = 0,    /* spin down */
    MMC_SSU_START = 1,   /* spin up */
    MMC_SSU_EJECT = 2,   /* LoEj=1 Start=0: open tray / eject */
    MMC_SSU_LOAD = 3     /* LoEj=1 Start=1: close tray / load */
};

/* CLOSE TRACK/SESSION close function codes (CDB byte 2 bits 2..0). 1 and 2 mean
 * the same on every medium; 3..6 are medium-specific finalization variants
 * (DVD+R, DVD+R DL, BD-R) and are passed through as the numbers of MMC-6's
 * "Close Function" table. */
enum mmc_close_function
{
    MMC_CLOSE_TRACK = 1,     /* close the logical track given by the track number */
    MMC_CLOSE_SESSION = 2    /* close the session (CD: finalize if no next session allowed) */
};

/* BLANK blanking types */
enum mmc_blank_type
{
    MMC_BLANK_FULL = 0,
    MMC_BLANK_MINIMAL = 1,
    MMC_BLANK_TRACK = 2,
    MMC_BLANK_UNRESERVE_TRACK = 3,
    MMC_BLANK_TRACK_TAIL = 4,
    MMC_BLANK_UNCLOSE_SESSION = 5,
    MMC_BLANK_SESSION = 6
};

/* READ CD expected sector type (CDB byte 1 bits 4..2) */
enum mmc_read_cd_sector
{
    MMC_READ_CD_ANY = 0,
    MMC_READ_CD_CDDA = 1,
    MMC_READ_CD_MODE1 = 2,
    MMC_READ_CD_MODE2_FORMLESS = 3,
    MMC_READ_CD_MODE2_FORM1 = 4,
    MMC_READ_CD_MODE2_FORM2 = 5
};
/* READ CD byte 9 flags */
#define MMC_READ_CD_SYNC        0x80
#define MMC_READ_CD_HDR_ALL     0x60   /* header and subheader */
#define MMC_READ_CD_HDR_HEADER  0x20
#define MMC_READ_CD_HDR_SUB     0x40
#define MMC_READ_CD_USER_DATA   0x10
#define MMC_READ_CD_EDC_ECC     0x08
#define MMC_READ_CD_C2          0x02
#define MMC_READ_CD_USER_ONLY   MMC_READ_CD_USER_DATA
#define MMC_READ_CD_RAW_2352    (MMC_READ_CD_SYNC | MMC_READ_CD_HDR_ALL | MMC_READ_CD_USER_DATA | MMC_READ_CD_EDC_ECC)
/* READ CD byte 10 sub-channel selection */
#define MMC_READ_CD_SUB_NONE 0
#define MMC_READ_CD_SUB_RAW  1
#define MMC_READ_CD_SUB_Q    2
#define MMC_READ_CD_SUB_RW   4

/* FORMAT UNIT format types (format descriptor byte 4 bits 7..2) */
#define MMC_FORMAT_TYPE_FULL            0x00
#define MMC_FORMAT_TYPE_SPARE_EXPAND    0x01
#define MMC_FORMAT_TYPE_ZONE_REFORMAT   0x04
#define MMC_FORMAT_TYPE_ZONE_FORMAT     0x05
#define MMC_FORMAT_TYPE_CDRW_DVDRW_FULL 0x10
#define MMC_FORMAT_TYPE_CDRW_DVDRW_GROW 0x11
#define MMC_FORMAT_TYPE_QUICK_GROW      0x13
#define MMC_FORMAT_TYPE_QUICK           0x15
#define MMC_FORMAT_TYPE_DVDPRW_FULL     0x26
#define MMC_FORMAT_TYPE_BD_SPARE        0x30
#define MMC_FORMAT_TYPE_BD_NO_SPARE     0x31
#define MMC_FORMAT_TYPE_BD_R_POW        0x32
#define MMC_FORMAT_PARAM_LEN 12         /* 4-byte header + one 8-byte descriptor */

#define MMC_STREAMING_DESC_LEN 28        /* SET STREAMING performance descriptor */
#define MMC_CUE_SHEET_ENTRY_LEN 8

void mmc_cdb_test_unit_ready(mmc_command *c);
void mmc_cdb_request_sense(mmc_command *c, void *buf, uint8_t alloc, int descriptor_format);
void mmc_cdb_inquiry(mmc_command *c, void *buf, uint8_t alloc);
void mmc_cdb_get_configuration(mmc_command *c, void *buf, uint16_t alloc, enum mmc_config_rt rt,
                               uint16_t starting_feature);
void mmc_cdb_get_event_status(mmc_command *c, void *buf, uint16_t alloc, uint8_t class_mask);
void mmc_cdb_read_disc_information(mmc_command *c, void *buf, uint16_t alloc);
void mmc_cdb_read_track_information(mmc_command *c, void *buf, uint16_t alloc,
                                    enum mmc_track_addr_type type, uint32_t address);
void mmc_cdb_read_toc(mmc_command *c, void *buf, uint16_t alloc, enum mmc_toc_format format,
                      int msf, uint8_t track_or_session);
void mmc_cdb_read_capacity(mmc_command *c, void *buf8);
void mmc_cdb_read_format_capacities(mmc_command *c, void *buf, uint16_t alloc);
void mmc_cdb_read_disc_structure(mmc_command *c, void *buf, uint16_t alloc, enum mmc_structure_media media,
                                 uint32_t address, uint8_t layer, uint8_t format, uint8_t agid);
void mmc_cdb_send_disc_structure(mmc_command *c, const void *buf, uint16_t len,
                                 enum mmc_structure_media media, uint8_t format, uint8_t agid);
/* page_code 0..3F, page_control enum mmc_mode_page_control; DBD is always set:
 * callers want pages, and MMC drives have no block descriptors worth reading. */
void mmc_cdb_mode_sense10(mmc_command *c, void *buf, uint16_t alloc, uint8_t page_code,
                          enum mmc_mode_page_control pc);
/* buf holds an 8-byte mode parameter header followed by pages; PF=1 (MMC pages). */
void mmc_cdb_mode_select10(mmc_command *c, const void *buf, uint16_t len, int save_pages);
void mmc_cdb_get_performance_write_speeds(mmc_command *c, void *buf, uint16_t max_descriptors);
/* type 00h: nominal performance, 10 % tolerance; write selects write performance. */
void mmc_cdb_get_performance(mmc_command *c, void *buf, uint16_t max_descriptors, int write,
                             uint32_t start_lba);
/* kB/s; 0xFFFF = maximum. rotation: 0 CLV, 1 pure CAV. */
void mmc_cdb_set_cd_speed(mmc_command *c, uint16_t read_kbps, uint16_t write_kbps, int rotation);
void mmc_cdb_set_streaming(mmc_command *c, const void *desc28);
/* Fill a 28-byte SET STREAMING performance descriptor asking for the given kB/s
 * over start..end (sizes in kB per 1000 ms). wrc: rotation control, exact: Exact bit. */
void mmc_streaming_descriptor(uint8_t *desc28, uint32_t start_lba, uint32_t end_lba,
                              uint32_t read_kbps, uint32_t write_kbps, int wrc, int exact);
void mmc_cdb_read_buffer_capacity(mmc_command *c, void *buf12);
void mmc_cdb_start_stop_unit(mmc_command *c, enum mmc_start_stop action, int immed);
/* prevent: 0 allow, 1 prevent (the Prevent bit; the persistent bit stays 0) */
void mmc_cdb_prevent_allow(mmc_command *c, int prevent);
void mmc_cdb_read10(mmc_command *c, void *buf, uint32_t lba, uint16_t blocks, uint32_t block_size);
void mmc_cdb_read12(mmc_command *c, void *buf, uint32_t lba, uint32_t blocks, uint32_t block_size,
                    int streaming);
void mmc_cdb_read_cd(mmc_command *c, void *buf, uint32_t lba, uint32_t blocks, uint32_t block_size,
                     enum mmc_read_cd_sector sector_type, uint8_t byte9_flags, uint8_t subchannel);
void mmc_cdb_write10(mmc_command *c, const void *buf, uint32_t lba, uint16_t blocks, uint32_t block_size);
void mmc_cdb_write12(mmc_command *c, const void *buf, uint32_t lba, uint32_t blocks, uint32_t block_size,
                     int streaming);
void mmc_cdb_synchronize_cache(mmc_command *c, int immed);
void mmc_cdb_close_track_session(mmc_command *c, unsigned function, uint16_t track, int immed);
/* ARSV=0: reserve size blocks for the invisible track */
void mmc_cdb_reserve_track(mmc_command *c, uint32_t blocks);
void mmc_cdb_blank(mmc_command *c, enum mmc_blank_type type, uint32_t address, int immed);
/* FORMAT UNIT with FmtData=1, format code 001b and a 12-byte list built by
 * mmc_format_parameter_list(). */
void mmc_cdb_format_unit(mmc_command *c, const void *list12);
void mmc_format_parameter_list(uint8_t *list12, uint32_t blocks, uint8_t format_type,
                               uint32_t type_parameter, int immed);
void mmc_cdb_send_cue_sheet(mmc_command *c, const void *cue, uint32_t len);
/* do_opc: ask the drive to perform OPC now (no parameter list). */
void mmc_cdb_send_opc_information(mmc_command *c, int do_opc);

/* IDiscRecorder2Ex CDB-size rule for pass-through commands: size 6..16 and,
 * outside the exempt opcodes, the size of the opcode's group. 1 if acceptable. */
int mmc_cdb_size_valid(const uint8_t *cdb, size_t cdb_len);

#endif
