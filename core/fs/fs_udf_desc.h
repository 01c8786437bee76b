/* ECMA-167 (3rd edition) and OSTA UDF (1.02 .. 2.60) on-disc structures, defined once for
 * the UDF writer (fs_udf.c) and for a later UDF reader. Host independent: every field
 * is read and written through io/byteorder.h at the byte offsets the standard gives;
 * no packed structs. Offsets are named FS_UDF_<DESCRIPTOR>_<FIELD>; section cites are
 * "3/10.1" = ECMA-167 part 3 section 10.1, "UDF 2.2.6" = OSTA UDF 2.60 section 2.2.6.
 * All multi-byte ECMA-167 fields are little endian (1/7.1.3 .. 7.1.5). */
#ifndef IMAPI_FS_UDF_DESC_H
#define IMAPI_FS_UDF_DESC_H

#include <stddef.h>
#include <stdint.h>
#include "io/byteorder.h"
#include "fs/fs_date.h"

#define FS_UDF_SECTOR 2048u

/* ---- Volume recognition (2/9.1, 3/9.1): structure type 0, 5-byte identifier, version 1 ---- */
#define FS_UDF_VRS_BEA "BEA01"
#define FS_UDF_VRS_NSR02 "NSR02"   /* UDF 1.02, 1.50 */
#define FS_UDF_VRS_NSR03 "NSR03"   /* UDF 2.00 and later */
#define FS_UDF_VRS_TEA "TEA01"
void fs_udf_vrs(uint8_t *sector, const char *id5);

/* ---- Descriptor tag (3/7.2, 4/7.2): 16 bytes at the start of every descriptor ---- */
enum fs_udf_tag_id
{
    FS_UDF_TAG_PVD = 1, FS_UDF_TAG_AVDP = 2, FS_UDF_TAG_VDP = 3, FS_UDF_TAG_IUVD = 4, FS_UDF_TAG_PD = 5,
    FS_UDF_TAG_LVD = 6, FS_UDF_TAG_USD = 7, FS_UDF_TAG_TD = 8, FS_UDF_TAG_LVID = 9,
    FS_UDF_TAG_FSD = 256, FS_UDF_TAG_FID = 257, FS_UDF_TAG_AED = 258, FS_UDF_TAG_IE = 259,
    FS_UDF_TAG_TE = 260, FS_UDF_TAG_FE = 261, FS_UDF_TAG_EAHD = 262, FS_UDF_TAG_USE = 263,
    FS_UDF_TAG_SBD = 264, FS_UDF_TAG_PIE = 265, FS_UDF_TAG_EFE = 266
};
#define FS_UDF_TAG_SIZE 16u
#define FS_UDF_TAG_IDENT 0        /* Uint16 Tag Identifier */
#define FS_UDF_TAG_VERSION 2      /* Uint16 Descriptor Version: 2 (NSR02) or 3 (NSR03) */
#define FS_UDF_TAG_CHECKSUM 4     /* Uint8 sum of bytes 0-3 and 5-15 (3/7.2.3) */
#define FS_UDF_TAG_SERIAL 6       /* Uint16 Tag Serial Number */
#define FS_UDF_TAG_CRC 8          /* Uint16 Descriptor CRC (3/7.2.6) */
#define FS_UDF_TAG_CRC_LEN 10     /* Uint16 Descriptor CRC Length */
#define FS_UDF_TAG_LOCATION 12    /* Uint32 Tag Location: the descriptor's own logical sector/block */

/* CRC-ITU-T (x^16 + x^12 + x^5 + 1, initial 0, MSB first) of 3/7.2.6. */
uint16_t fs_udf_crc(const uint8_t *p, size_t len);
/* Fill the tag of the descriptor at d (whose body, crc_len bytes after the tag, is
 * already written): identifier, version, serial, location, CRC, then the checksum. */
void fs_udf_tag_finish(uint8_t *d, uint16_t ident, uint16_t version, uint16_t serial, uint32_t location,
                       uint16_t crc_len);

/* Parsing: what a reader checks before trusting a descriptor read at `location`
 * (avail = bytes readable at d). FS_UDF_TAG_OK or the first failing check. */
enum fs_udf_tag_check
{
    FS_UDF_TAG_OK = 0, FS_UDF_TAG_BAD_CHECKSUM, FS_UDF_TAG_BAD_CRC, FS_UDF_TAG_BAD_LOCATION,
    FS_UDF_TAG_BAD_IDENT, FS_UDF_TAG_TRUNCATED
};
typedef struct fs_udf_tag
{
    uint16_t ident, version, serial, crc, crc_len;
    uint8_t checksum;
    uint32_t location;
} fs_udf_tag;
void fs_udf_tag_read(const uint8_t *d, fs_udf_tag *out);
uint8_t fs_udf_tag_checksum(const uint8_t *d);
/* expect_ident 0 accepts any identifier. */
int fs_udf_tag_verify(const uint8_t *d, size_t avail, uint32_t location, uint16_t expect_ident);

/* ---- Recorded addresses ---- */
/* extent_ad (3/7.1): Uint32 length, Uint32 location (sector). */
typedef struct fs_udf_extent { uint32_t length, location; } fs_udf_extent;
static inline void fs_udf_put_extent(uint8_t *p, uint32_t length, uint32_t location)
{
    put_le32(p, length); put_le32(p + 4, location);
}
static inline void fs_udf_get_extent(const uint8_t *p, fs_udf_extent *e)
{
    e->length = get_le32(p); e->location = get_le32(p + 4);
}

/* lb_addr (4/7.1): Uint32 logical block number, Uint16 partition reference number. */
typedef struct fs_udf_lb_addr { uint32_t block; uint16_t partition; } fs_udf_lb_addr;

/* Extent length field of short_ad/long_ad (4/14.14.1.1): 30-bit length, 2-bit type. */
#define FS_UDF_EXT_RECORDED 0u            /* recorded and allocated */
#define FS_UDF_EXT_ALLOC_ONLY 1u          /* allocated, not recorded */
#define FS_UDF_EXT_NONE 2u                /* neither */
#define FS_UDF_EXT_NEXT 3u                /* continuation (next extent of ADs) */
#define FS_UDF_EXT_LEN_MASK 0x3fffffffu
/* Largest extent we record: below 2^30 and a whole number of blocks (only a file's
 * last extent may end mid-block, 4/12.1). */
#define FS_UDF_EXT_MAX (0x40000000u - FS_UDF_SECTOR)

/* short_ad (4/14.14.1): 8 bytes; position relative to the ICB's partition. */
#define FS_UDF_SHORT_AD_SIZE 8u
static inline void fs_udf_put_short_ad(uint8_t *p, uint32_t type, uint32_t length, uint32_t block)
{
    put_le32(p, (type << 30) | (length & FS_UDF_EXT_LEN_MASK)); put_le32(p + 4, block);
}
/* long_ad (4/14.14.2): 16 bytes; 6 bytes of implementation use (UDF 2.3.10.1 ADImpUse:
 * Uint16 flags, 4 bytes impUse, holding the UDF unique ID's low 32 bits in a FID, UDF
 * 2.3.4.3). */
#define FS_UDF_LONG_AD_SIZE 16u
static inline void fs_udf_put_long_ad(uint8_t *p, uint32_t type, uint32_t length, uint32_t block,
                                      uint16_t partition, uint32_t unique_low)
{
    put_le32(p, (type << 30) | (length & FS_UDF_EXT_LEN_MASK)); put_le32(p + 4, block);
    put_le16(p + 8, partition); put_le16(p + 10, 0); put_le32(p + 12, unique_low);
}
typedef struct fs_udf_ad
{
    uint32_t type, length;
    fs_udf_lb_addr loc;          /* short_ad: partition left 0 (the ICB's own) */
    uint32_t unique_low;         /* long_ad only */
} fs_udf_ad;
static inline void fs_udf_get_short_ad(const uint8_t *p, fs_udf_ad *a)
{
    uint32_t l = get_le32(p);
    a->type = l >> 30; a->length = l & FS_UDF_EXT_LEN_MASK; a->loc.block = get_le32(p + 4);
    a->loc.partition = 0; a->unique_low = 0;
}
static inline void fs_udf_get_long_ad(const uint8_t *p, fs_udf_ad *a)
{
    uint32_t l = get_le32(p);
    a->type = l >> 30; a->length = l & FS_UDF_EXT_LEN_MASK; a->loc.block = get_le32(p + 4);
    a->loc.partition = get_le16(p + 8); a->unique_low = get_le32(p + 12);
}

/* ---- Timestamp (1/7.3): 12 bytes ---- */
#define FS_UDF_TIMESTAMP_SIZE 12u
/* fs_time (UTC) as a local-time timestamp with offset 0 (type 1, UDF 2.1.4). Years are
 * clamped to 1..9999. */
void fs_udf_put_timestamp(uint8_t *p, fs_time t);
/* Back to fs_time (UTC, the recorded offset applied; "unspecified" -2047 taken as 0). */
fs_time fs_udf_get_timestamp(const uint8_t *p);

/* ---- charspec (1/7.2.1) and OSTA CS0 (UDF 2.1.2): 64 bytes ---- */
#define FS_UDF_CHARSPEC_SIZE 64u
void fs_udf_put_charspec(uint8_t *p);            /* CS0 "OSTA Compressed Unicode" */
int fs_udf_charspec_is_osta(const uint8_t *p);

/* ---- OSTA compressed unicode (UDF 2.1.1) ----
 * Byte 0 compression ID: 8 = one byte per character (U+0000..U+00FF), 16 = two bytes
 * per UTF-16 unit, big endian. fs_udf_cs0_encode writes the shortest form of
 * name[0..len) into out (cap bytes) and returns the bytes written, or 0 when it does
 * not fit. fs_udf_cs0_size gives that size without writing. */
size_t fs_udf_cs0_size(const uint16_t *name, size_t len);
size_t fs_udf_cs0_encode(const uint16_t *name, size_t len, uint8_t *out, size_t cap);
/* Units decoded into out (cap units), or SIZE_MAX for an unknown compression ID / odd
 * 16-bit length. */
size_t fs_udf_cs0_decode(const uint8_t *in, size_t bytes, uint16_t *out, size_t cap);
/* How many leading units of name fit in `bytes` bytes of compressed unicode (no surrogate
 * pair split). */
size_t fs_udf_cs0_fit(const uint16_t *name, size_t len, size_t bytes);

/* dstring (1/7.2.12): a field of `field` bytes, CS0 contents, the last byte the
 * number of bytes used; all zero for an empty string. Names longer than the field
 * are cut (never inside a surrogate pair). */
void fs_udf_put_dstring(uint8_t *p, size_t field, const uint16_t *s, size_t len);
void fs_udf_put_dstring_ascii(uint8_t *p, size_t field, const char *s);
/* Units decoded, or SIZE_MAX when the length byte or compression ID is invalid. */
size_t fs_udf_get_dstring(const uint8_t *p, size_t field, uint16_t *out, size_t cap);

/* ---- regid / EntityID (1/7.4, UDF 2.1.5): 32 bytes ---- */
#define FS_UDF_REGID_SIZE 32u
#define FS_UDF_REGID_ID 1         /* 23 bytes identifier */
#define FS_UDF_REGID_SUFFIX 24    /* 8 bytes identifier suffix */
/* Domain ID suffix (UDF 2.1.5.3): Uint16 UDF revision, Uint8 domain flags. */
void fs_udf_put_regid_domain(uint8_t *p, const char *id, uint16_t revision);
/* UDF identifier suffix: Uint16 UDF revision, Uint8 OS class, Uint8 OS identifier. */
void fs_udf_put_regid_udf(uint8_t *p, const char *id, uint16_t revision);
/* Implementation identifier suffix: Uint8 OS class, Uint8 OS identifier, 6 bytes of
 * implementation use. */
void fs_udf_put_regid_impl(uint8_t *p, const char *id);
/* 1 when the regid's identifier is `id` (NUL padded). */
int fs_udf_regid_is(const uint8_t *p, const char *id);
/* Revision from a domain or UDF identifier suffix. */
static inline uint16_t fs_udf_regid_revision(const uint8_t *p) { return get_le16(p + FS_UDF_REGID_SUFFIX); }

#define FS_UDF_ID_DOMAIN "*OSTA UDF Compliant"
#define FS_UDF_ID_LV_INFO "*UDF LV Info"
#define FS_UDF_ID_METADATA "*UDF Metadata Partition"
#define FS_UDF_ID_NSR02 "+NSR02"
#define FS_UDF_ID_NSR03 "+NSR03"
#define FS_UDF_ID_IMPL "*IMAPI2FS"
/* OS class / identifier (UDF 6.3): Windows NT. */
#define FS_UDF_OS_CLASS_WINNT 5u
#define FS_UDF_OS_ID_WINNT 0u

/* ---- Volume descriptors (part 3), each 512 bytes of a 2048-byte sector ---- */
#define FS_UDF_VD_SIZE 512u
/* Anchor Volume Descriptor Pointer (3/10.2) */
#define FS_UDF_AVDP_MAIN_VDS 16           /* extent_ad */
#define FS_UDF_AVDP_RESERVE_VDS 24        /* extent_ad */
#define FS_UDF_AVDP_SECTOR 256u           /* 3/8.4.2.1 and UDF 2.2.3: also at N-1 (and N-257) */
/* Common: Uint32 Volume Descriptor Sequence Number at 16 (PVD, IUVD, PD, LVD, USD). */
#define FS_UDF_VD_SEQNUM 16
/* Primary Volume Descriptor (3/10.1) */
#define FS_UDF_PVD_NUMBER 20
#define FS_UDF_PVD_VOLUME_ID 24           /* dstring[32] */
#define FS_UDF_PVD_VOL_SEQ 56
#define FS_UDF_PVD_MAX_VOL_SEQ 58
#define FS_UDF_PVD_INTERCHANGE 60
#define FS_UDF_PVD_MAX_INTERCHANGE 62
#define FS_UDF_PVD_CHARSET_LIST 64
#define FS_UDF_PVD_MAX_CHARSET_LIST 68
#define FS_UDF_PVD_VOLSET_ID 72           /* dstring[128] (UDF 2.2.2.5) */
#define FS_UDF_PVD_DESC_CHARSET 200
#define FS_UDF_PVD_EXPL_CHARSET 264
#define FS_UDF_PVD_ABSTRACT 328
#define FS_UDF_PVD_COPYRIGHT 336
#define FS_UDF_PVD_APP_ID 344
#define FS_UDF_PVD_RECORDING_TIME 376
#define FS_UDF_PVD_IMPL_ID 388
#define FS_UDF_PVD_IMPL_USE 420
#define FS_UDF_PVD_PREDECESSOR 484
#define FS_UDF_PVD_FLAGS 488
/* Implementation Use Volume Descriptor (3/10.4) with LVInfo (UDF 2.2.7.2) */
#define FS_UDF_IUVD_IMPL_ID 20            /* "*UDF LV Info" */
#define FS_UDF_IUVD_LVI_CHARSET 52
#define FS_UDF_IUVD_LV_ID 116             /* dstring[128] */
#define FS_UDF_IUVD_LV_INFO1 244          /* dstring[36] x 3 */
#define FS_UDF_IUVD_IMPL_ID2 352
/* Partition Descriptor (3/10.5) */
#define FS_UDF_PD_FLAGS 20                /* bit 0: allocated */
#define FS_UDF_PD_NUMBER 22
#define FS_UDF_PD_CONTENTS 24             /* regid "+NSR02"/"+NSR03" */
#define FS_UDF_PD_CONTENTS_USE 56         /* Partition Header Descriptor (4/14.3), 128 bytes */
#define FS_UDF_PD_ACCESS 184              /* 1 read-only, 2 write-once, 3 rewritable, 4 overwritable */
#define FS_UDF_PD_START 188
#define FS_UDF_PD_LENGTH 192
#define FS_UDF_PD_IMPL_ID 196
#define FS_UDF_PD_ACCESS_READ_ONLY 1u
/* Logical Volume Descriptor (3/10.6) */
#define FS_UDF_LVD_DESC_CHARSET 20
#define FS_UDF_LVD_LV_ID 84               /* dstring[128] */
#define FS_UDF_LVD_BLOCK_SIZE 212
#define FS_UDF_LVD_DOMAIN_ID 216
#define FS_UDF_LVD_CONTENTS_USE 248       /* long_ad of the File Set Descriptor (UDF 2.2.4.5) */
#define FS_UDF_LVD_MAP_TABLE_LEN 264
#define FS_UDF_LVD_NUM_MAPS 268
#define FS_UDF_LVD_IMPL_ID 272
#define FS_UDF_LVD_IMPL_USE 304
#define FS_UDF_LVD_INTEGRITY 432          /* extent_ad of the LVID sequence */
#define FS_UDF_LVD_MAPS 440
/* Type 1 partition map (3/10.7.2): 6 bytes */
#define FS_UDF_PMAP1_SIZE 6u
/* Type 2 metadata partition map (UDF 2.2.10): 64 bytes */
#define FS_UDF_PMAP2_SIZE 64u
#define FS_UDF_PMAP_META_TYPE_ID 4        /* regid "*UDF Metadata Partition" */
#define FS_UDF_PMAP_META_VOL_SEQ 36
#define FS_UDF_PMAP_META_PARTITION 38
#define FS_UDF_PMAP_META_FILE 40
#define FS_UDF_PMAP_META_MIRROR 44
#define FS_UDF_PMAP_META_BITMAP 48        /* 0xFFFFFFFF: none (read-only media) */
#define FS_UDF_PMAP_META_ALLOC_UNIT 52
#define FS_UDF_PMAP_META_ALIGN_UNIT 56
#define FS_UDF_PMAP_META_FLAGS 58         /* bit 0: duplicate metadata (mirror holds a copy) */
/* Unallocated Space Descriptor (3/10.8) */
#define FS_UDF_USD_NUM_ADS 20
/* Logical Volume Integrity Descriptor (3/10.10), UDF 2.2.6 */
#define FS_UDF_LVID_TIME 16
#define FS_UDF_LVID_TYPE 28               /* 1 = close */
#define FS_UDF_LVID_NEXT 32
#define FS_UDF_LVID_CONTENTS_USE 40       /* Logical Volume Header Descriptor: Uint64 next unique ID (UDF 3.2.1) */
#define FS_UDF_LVID_NUM_PARTITIONS 72
#define FS_UDF_LVID_IMPL_USE_LEN 76
#define FS_UDF_LVID_TABLES 80             /* free space table, size table, then implementation use */
#define FS_UDF_LVID_IU_SIZE 46u           /* UDF 2.2.6.4: regid, files, dirs, min read, min write, max write */

/* ---- File structure (part 4) ---- */
/* File Set Descriptor (4/14.1) */
#define FS_UDF_FSD_TIME 16
#define FS_UDF_FSD_INTERCHANGE 28
#define FS_UDF_FSD_MAX_INTERCHANGE 30
#define FS_UDF_FSD_CHARSET_LIST 32
#define FS_UDF_FSD_MAX_CHARSET_LIST 36
#define FS_UDF_FSD_NUMBER 40
#define FS_UDF_FSD_DESC_NUMBER 44
#define FS_UDF_FSD_LVI_CHARSET 48
#define FS_UDF_FSD_LV_ID 112              /* dstring[128] */
#define FS_UDF_FSD_FS_CHARSET 240
#define FS_UDF_FSD_FS_ID 304              /* dstring[32] */
#define FS_UDF_FSD_COPYRIGHT 336
#define FS_UDF_FSD_ABSTRACT 368
#define FS_UDF_FSD_ROOT_ICB 400           /* long_ad */
#define FS_UDF_FSD_DOMAIN_ID 416
#define FS_UDF_FSD_NEXT 448
#define FS_UDF_FSD_STREAM_DIR 464         /* long_ad, UDF 2.00+ */

/* File Identifier Descriptor (4/14.4) */
#define FS_UDF_FID_VERSION 16             /* Uint16 File Version Number: 1 */
#define FS_UDF_FID_CHARACTERISTICS 18
#define FS_UDF_FID_LEN_ID 19
#define FS_UDF_FID_ICB 20                 /* long_ad */
#define FS_UDF_FID_LEN_IU 36
#define FS_UDF_FID_IU 38
#define FS_UDF_FID_HIDDEN 0x01u
#define FS_UDF_FID_DIRECTORY 0x02u
#define FS_UDF_FID_DELETED 0x04u
#define FS_UDF_FID_PARENT 0x08u
#define FS_UDF_FID_METADATA 0x10u
/* Bytes of a FID with an identifier of id_bytes and no implementation use: 38 + L_FI,
 * padded to a multiple of 4 (4/14.4.9). */
static inline uint32_t fs_udf_fid_size(uint32_t id_bytes) { return (38u + id_bytes + 3u) & ~3u; }

/* ICB tag (4/14.6): 20 bytes inside FE/EFE at offset 16 */
#define FS_UDF_ICB_TAG 16
#define FS_UDF_ICB_STRATEGY 4             /* Uint16: 4 */
#define FS_UDF_ICB_MAX_ENTRIES 8          /* Uint16: 1 */
#define FS_UDF_ICB_FILE_TYPE 11
#define FS_UDF_ICB_PARENT 12              /* lb_addr */
#define FS_UDF_ICB_FLAGS 18
#define FS_UDF_FT_DIRECTORY 4u
#define FS_UDF_FT_FILE 5u
#define FS_UDF_FT_STREAM_DIR 13u
#define FS_UDF_FT_REAL_TIME 249u          /* UDF 2.01 2.3.5.2: real-time file */
#define FS_UDF_FT_METADATA 250u           /* UDF 2.2.13.1 */
#define FS_UDF_FT_METADATA_MIRROR 251u
#define FS_UDF_FT_METADATA_BITMAP 252u
#define FS_UDF_ICBF_SHORT_AD 0u           /* flags bits 0-2: allocation descriptor type */
#define FS_UDF_ICBF_LONG_AD 1u
#define FS_UDF_ICBF_EMBEDDED 3u
#define FS_UDF_ICBF_AD_MASK 7u
#define FS_UDF_ICBF_STREAM 0x2000u        /* bit 13: this is a named stream */

/* File Entry (4/14.9) and Extended File Entry (4/14.17). Fields up to 56 agree. */
#define FS_UDF_FE_UID 36
#define FS_UDF_FE_GID 40
#define FS_UDF_FE_PERMISSIONS 44
#define FS_UDF_FE_LINK_COUNT 48
#define FS_UDF_FE_INFO_LENGTH 56          /* Uint64 */
/* FE only */
#define FS_UDF_FE_BLOCKS 64
#define FS_UDF_FE_ACCESS_TIME 72
#define FS_UDF_FE_MOD_TIME 84
#define FS_UDF_FE_ATTR_TIME 96
#define FS_UDF_FE_CHECKPOINT 108
#define FS_UDF_FE_EA_ICB 112
#define FS_UDF_FE_IMPL_ID 128
#define FS_UDF_FE_UNIQUE_ID 160
#define FS_UDF_FE_LEN_EA 168
#define FS_UDF_FE_LEN_AD 172
#define FS_UDF_FE_FIXED 176u
/* EFE only */
#define FS_UDF_EFE_OBJECT_SIZE 64
#define FS_UDF_EFE_BLOCKS 72
#define FS_UDF_EFE_ACCESS_TIME 80
#define FS_UDF_EFE_MOD_TIME 92
#define FS_UDF_EFE_CREATE_TIME 104
#define FS_UDF_EFE_ATTR_TIME 116
#define FS_UDF_EFE_CHECKPOINT 128
#define FS_UDF_EFE_EA_ICB 136
#define FS_UDF_EFE_STREAM_ICB 152
#define FS_UDF_EFE_IMPL_ID 168
#define FS_UDF_EFE_UNIQUE_ID 200
#define FS_UDF_EFE_LEN_EA 208
#define FS_UDF_EFE_LEN_AD 212
#define FS_UDF_EFE_FIXED 216u
/* Permissions (4/14.9.5): other bits 0-4, group 5-9, owner 10-14. */
#define FS_UDF_PERM_EXEC 1u
#define FS_UDF_PERM_READ 4u
#define FS_UDF_PERM_ALL(bits) ((bits) | ((bits) << 5) | ((bits) << 10))

/* Parsed view of a FE or EFE (reader helper): where its allocation descriptors are. */
typedef struct fs_udf_fe_info
{
    int extended;                 /* EFE */
    uint8_t file_type;
    uint16_t icb_flags;
    uint64_t info_length, unique_id;
    fs_time modification;
    uint32_t ad_offset, ad_length; /* within the descriptor */
} fs_udf_fe_info;
/* 0, or -1 when the lengths do not fit in `avail` bytes. */
int fs_udf_fe_parse(const uint8_t *d, size_t avail, fs_udf_fe_info *out);

/* Revisions as UDFRevision gives them (BCD: 0x0102 .. 0x0260). */
#define FS_UDF_REV_102 0x0102u
#define FS_UDF_REV_150 0x0150u
#define FS_UDF_REV_200 0x0200u
#define FS_UDF_REV_201 0x0201u
#define FS_UDF_REV_250 0x0250u
#define FS_UDF_REV_260 0x0260u
/* Descriptor version (tag) for a revision: 2 below 2.00 (NSR02), 3 from 2.00 (NSR03). */
static inline uint16_t fs_udf_desc_version(unsigned revision) { return revision >= FS_UDF_REV_200 ? 3 : 2; }

#endif
