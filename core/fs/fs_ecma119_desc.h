/* ECMA-119 (ISO 9660) on-disc layouts: byte offsets of the fields the writers
 * (fs_ecma119.c, fs_iso9660.c, fs_joliet.c), the recogniser (fs_probe.c) and the
 * reader (fs_read_iso.c) use, one name per field. Offsets are 0-based (the standard's
 * BP numbers minus one); "both" fields are little-endian then big-endian copies
 * (7.2.3 / 7.3.3), read with get_le16/get_le32 of io/byteorder.h. */
#ifndef IMAPI_FS_ECMA119_DESC_H
#define IMAPI_FS_ECMA119_DESC_H

#define ECMA119_BLOCK            2048u
#define ECMA119_FIRST_VD         16u     /* 6.2.1: the descriptor set starts at block 16 */

/* 8.1 Volume Descriptor: common header */
#define ECMA119_VD_TYPE          0       /* 0 boot, 1 primary, 2 supplementary, 3 partition, 255 terminator */
#define ECMA119_VD_ID            1       /* Standard Identifier "CD001" (5 bytes) */
#define ECMA119_VD_VERSION       6
#define ECMA119_VD_TYPE_PRIMARY      1
#define ECMA119_VD_TYPE_SUPPLEMENTARY 2
#define ECMA119_VD_TYPE_TERMINATOR   255

/* 8.4 Primary / 8.5 Supplementary Volume Descriptor */
#define ECMA119_VD_FLAGS         7       /* SVD: Volume Flags */
#define ECMA119_VD_SYSTEM_ID     8       /* 32 bytes */
#define ECMA119_VD_VOLUME_ID     40      /* 32 bytes */
#define ECMA119_VD_SPACE_SIZE    80      /* both 32: Volume Space Size */
#define ECMA119_VD_ESCAPES       88      /* SVD: Escape Sequences, 32 bytes */
#define ECMA119_VD_SET_SIZE      120     /* both 16 */
#define ECMA119_VD_SEQ_NUMBER    124     /* both 16 */
#define ECMA119_VD_BLOCK_SIZE    128     /* both 16: Logical Block Size */
#define ECMA119_VD_PT_SIZE       132     /* both 32: Path Table Size */
#define ECMA119_VD_PT_L          140     /* le 32: Location of Type L Path Table */
#define ECMA119_VD_PT_M          148     /* be 32: Location of Type M Path Table */
#define ECMA119_VD_ROOT_DR       156     /* 34 bytes: Directory Record for Root Directory */
#define ECMA119_VD_SET_ID        190     /* 128 bytes; then publisher 318, preparer 446 */
#define ECMA119_VD_APP_ID        574     /* 128 bytes: Application Identifier */
#define ECMA119_VD_FILE_IDS      702     /* copyright 702, abstract 739, bibliographic 776 (37 each) */
#define ECMA119_VD_CREATED       813     /* 17-byte dates (8.4.26.1): creation, */
#define ECMA119_VD_MODIFIED      830     /* modification, */
#define ECMA119_VD_EXPIRES       847     /* expiration, */
#define ECMA119_VD_EFFECTIVE     864     /* effective */
#define ECMA119_VD_FS_VERSION    881     /* File Structure Version */

/* 9.1 Directory Record */
#define ECMA119_DR_LENGTH        0
#define ECMA119_DR_EAR_LENGTH    1
#define ECMA119_DR_EXTENT        2       /* both 32: Location of Extent */
#define ECMA119_DR_DATA_LENGTH   10      /* both 32 */
#define ECMA119_DR_DATE          18      /* 7 bytes (9.1.5) */
#define ECMA119_DR_FLAGS         25
#define ECMA119_DR_UNIT_SIZE     26
#define ECMA119_DR_GAP_SIZE      27
#define ECMA119_DR_SEQ_NUMBER    28      /* both 16 */
#define ECMA119_DR_ID_LENGTH     32
#define ECMA119_DR_ID            33
#define ECMA119_DR_FIXED         33u     /* bytes before the identifier */
#define ECMA119_DR_MIN           34u     /* shortest record (one-byte identifier) */

/* 9.1.6 File Flags */
#define ECMA119_FLAG_HIDDEN      0x01
#define ECMA119_FLAG_DIRECTORY   0x02
#define ECMA119_FLAG_ASSOCIATED  0x04
#define ECMA119_FLAG_MULTI_EXTENT 0x80

/* 9.4 Path Table Record */
#define ECMA119_PT_ID_LENGTH     0
#define ECMA119_PT_EAR_LENGTH    1
#define ECMA119_PT_EXTENT        2
#define ECMA119_PT_PARENT        6
#define ECMA119_PT_FIXED         8u

#endif
