/* El Torito ("El Torito" Bootable CD-ROM Format Specification 1.0, Phoenix/IBM,
 * January 1995): the on-disc layouts, defined once, and the small builders and parsers
 * shared by the El Torito layout writer (fs_eltorito.c), the tests and a future import.
 *
 * Every structure is a byte array with named fields (uint8_t members only, so no host
 * padding or alignment; sizes checked below); multi-byte fields are little-endian and
 * go through core/io/byteorder.h. "BP a-b" are the spec's 1-based byte positions.
 *
 * The EFI platform id 0xEF comes from UEFI 2.x section 13.3.2 ("ISO-9660 and El
 * Torito"): an EFI entry is a "no emulation" image holding an EFI system partition,
 * whose Sector Count is that partition's size (0 or 1: up to the end of the disc). */
#ifndef IMAPI_FS_ELTORITO_H
#define IMAPI_FS_ELTORITO_H

#include <stddef.h>
#include <stdint.h>
#include "fs/fs_tree.h"

/* IMAPI2FS_BOOT_ENTRY_COUNT_MAX: boot entries per image (IFileSystemImage2 page). */
#define FS_ELTORITO_MAX_ENTRIES 32u

/* Platform ids: El Torito 2.0 Figure 2 (validation entry, offset 1) and Figure 4
 * (section header); EFI from UEFI 13.3.2. IMAPI's PlatformId enum has these values. */
#define FS_ELTORITO_PLATFORM_X86     0x00u
#define FS_ELTORITO_PLATFORM_POWERPC 0x01u
#define FS_ELTORITO_PLATFORM_MAC     0x02u
#define FS_ELTORITO_PLATFORM_EFI     0xEFu

/* Boot media types: El Torito 2.0 Figure 3 (offset 1, bits 0-3). IMAPI's
 * EmulationType enum has the same values. */
#define FS_ELTORITO_EMUL_NONE     0u
#define FS_ELTORITO_EMUL_FLOPPY12 1u
#define FS_ELTORITO_EMUL_FLOPPY144 2u
#define FS_ELTORITO_EMUL_FLOPPY288 3u
#define FS_ELTORITO_EMUL_HARDDISK 4u

/* Floppy emulations load a whole diskette image of exactly this many bytes (2.0
 * Figure 3: 1.2 MB = 80 x 2 x 15 x 512, 1.44 MB = 80 x 2 x 18 x 512, 2.88 MB =
 * 80 x 2 x 36 x 512). */
#define FS_ELTORITO_FLOPPY12_BYTES  1228800u
#define FS_ELTORITO_FLOPPY144_BYTES 1474560u
#define FS_ELTORITO_FLOPPY288_BYTES 2949120u

/* Sector Count / load sizes count "virtual sectors" of 512 bytes (2.0 Figure 3). */
#define FS_ELTORITO_VSECTOR 512u

/* The boot record volume descriptor is at sector 17 (El Torito 2.0: "The Boot Record
 * Volume Descriptor must reside at sector 17 (11h)"), i.e. right after the PVD at 16. */
#define FS_ELTORITO_BRVD_SECTOR 17u

#define FS_ELTORITO_ENTRY_SIZE 32u

/* ---- El Torito 2.0 Figure 7: Boot Record Volume Descriptor (2048 bytes) ---- */
typedef struct fs_elt_brvd
{
    uint8_t boot_record_indicator;   /* BP 1: 0 */
    uint8_t iso_id[5];               /* BP 2-6: "CD001" */
    uint8_t version;                 /* BP 7: 1 */
    uint8_t boot_system_id[32];      /* BP 8-39: "EL TORITO SPECIFICATION", 0-padded */
    uint8_t unused1[32];             /* BP 40-71: 0 */
    uint8_t catalog_lba[4];          /* BP 72-75: absolute sector of the boot catalog, LE */
    uint8_t unused2[1973];           /* BP 76-2048: 0 */
} fs_elt_brvd;

#define FS_ELTORITO_SYSTEM_ID "EL TORITO SPECIFICATION"

/* ---- Figure 2: Validation Entry (first entry of the catalog) ---- */
typedef struct fs_elt_validation
{
    uint8_t header_id;               /* BP 1: 01 */
    uint8_t platform_id;             /* BP 2 */
    uint8_t reserved[2];             /* BP 3-4: 0 */
    uint8_t id_string[24];           /* BP 5-28: manufacturer/developer of the CD */
    uint8_t checksum[2];             /* BP 29-30: LE; the 16 LE words of the entry sum to 0 */
    uint8_t key_55;                  /* BP 31: 55h */
    uint8_t key_aa;                  /* BP 32: AAh */
} fs_elt_validation;

#define FS_ELTORITO_HEADER_VALIDATION 0x01u
#define FS_ELTORITO_BOOTABLE 0x88u       /* boot indicator of Figures 3 and 5 */
#define FS_ELTORITO_NOT_BOOTABLE 0x00u

/* ---- Figure 3: Initial/Default Entry (second entry) ---- */
typedef struct fs_elt_default
{
    uint8_t boot_indicator;          /* BP 1: 88h bootable, 00 not */
    uint8_t boot_media_type;         /* BP 2: FS_ELTORITO_EMUL_* */
    uint8_t load_segment[2];         /* BP 3-4: LE; 0 = the traditional 7C0h */
    uint8_t system_type;             /* BP 5: byte 5 of the image's partition table entry */
    uint8_t unused1;                 /* BP 6: 0 */
    uint8_t sector_count[2];         /* BP 7-8: LE, virtual (512-byte) sectors loaded */
    uint8_t load_rba[4];             /* BP 9-12: LE, absolute sector of the image */
    uint8_t unused2[20];             /* BP 13-32: 0 */
} fs_elt_default;

/* ---- Figure 4: Section Header Entry ---- */
typedef struct fs_elt_section_header
{
    uint8_t header_indicator;        /* BP 1: 90h more headers follow, 91h final header */
    uint8_t platform_id;             /* BP 2 */
    uint8_t section_entries[2];      /* BP 3-4: LE, entries following this header */
    uint8_t id_string[28];           /* BP 5-32 */
} fs_elt_section_header;

#define FS_ELTORITO_HEADER_MORE  0x90u
#define FS_ELTORITO_HEADER_FINAL 0x91u

/* ---- Figure 5: Section Entry ---- */
typedef struct fs_elt_section_entry
{
    uint8_t boot_indicator;          /* BP 1: 88h / 00 */
    uint8_t boot_media_type;         /* BP 2: bits 0-3 emulation; bit 5 an extension follows
                                      * (never: IMAPI does not support Section Entry
                                      * Extensions, IFileSystemImage2 page), bits 6-7 drivers */
    uint8_t load_segment[2];         /* BP 3-4 */
    uint8_t system_type;             /* BP 5 */
    uint8_t unused1;                 /* BP 6: 0 */
    uint8_t sector_count[2];         /* BP 7-8 */
    uint8_t load_rba[4];             /* BP 9-12 */
    uint8_t selection_criteria_type; /* BP 13: 0 none */
    uint8_t selection_criteria[19];  /* BP 14-32 */
} fs_elt_section_entry;

#define FS_ELTORITO_MEDIA_MASK 0x0Fu

/* Host-independence: every layout has exactly its on-disc size. */
typedef char fs_elt_brvd_size_check[sizeof(fs_elt_brvd) == 2048 ? 1 : -1];
typedef char fs_elt_validation_size_check[sizeof(fs_elt_validation) == 32 ? 1 : -1];
typedef char fs_elt_default_size_check[sizeof(fs_elt_default) == 32 ? 1 : -1];
typedef char fs_elt_section_header_size_check[sizeof(fs_elt_section_header) == 32 ? 1 : -1];
typedef char fs_elt_section_entry_size_check[sizeof(fs_elt_section_entry) == 32 ? 1 : -1];

/* ---- what a caller asks for: one boot entry ---- */
typedef struct fs_boot_entry
{
    uint32_t platform;               /* FS_ELTORITO_PLATFORM_* (any byte value) */
    uint32_t emulation;              /* FS_ELTORITO_EMUL_* */
    char id[24];                     /* Manufacturer: ANSI, unused bytes zero */
    fs_data_source src;              /* the boot image; borrowed (the layout addrefs) */
} fs_boot_entry;

/* Check one entry: 0, IMAPI_E_BOOT_IMAGE_DATA (no image, an empty one, one of 4 GiB
 * or more, a platform id or emulation that does not fit its field), or
 * IMAPI_E_BOOT_EMULATION_IMAGE_SIZE_MISMATCH (floppy emulation of an image that is
 * not exactly that diskette's size). */
int32_t fs_eltorito_check_entry(const fs_boot_entry *e);

/* Diskette size of a floppy emulation (0 for none / hard disk), and the floppy
 * emulation of an image of exactly that size (FS_ELTORITO_EMUL_NONE otherwise):
 * AssignBootImage picks the floppy type from the size (IBootOptions page). */
uint32_t fs_eltorito_floppy_bytes(uint32_t emulation);
uint32_t fs_eltorito_floppy_emulation(uint64_t image_bytes);

/* The Sector Count recorded for an entry (decision, see core/fs/README.md):
 * floppy and hard disk emulation 1 (the BIOS loads the emulated drive's first sector
 * and boots it); no emulation: the whole image in 512-byte sectors, rounded up (as
 * genisoimage/oscdimg do without -boot-load-size), at most 0xFFFF; an EFI image too big
 * for that field gets 0 ("up to the end of the disc", UEFI 13.3.2). */
uint16_t fs_eltorito_load_size(uint32_t platform, uint32_t emulation, uint64_t image_bytes);

/* System Type of a hard-disk image: the partition type (byte 5 of the entry) of the
 * first used entry of the MBR in the image's first sector; 0 when there is none. */
uint8_t fs_eltorito_mbr_system_type(const uint8_t sector0[512]);

/* ---- builders ---- */

/* One entry of the catalog as the writer records it. */
typedef struct fs_eltorito_record
{
    uint8_t platform, media, system_type;
    uint16_t load_segment, sector_count;
    uint32_t load_rba;
    char id[24];
} fs_eltorito_record;

void fs_eltorito_put_brvd(uint8_t vd[2048], uint32_t catalog_lba);
/* Checksum word that makes the 16 LE words of a validation entry sum to 0 (the
 * checksum field itself counted as 0). */
uint16_t fs_eltorito_validation_checksum(const uint8_t entry[32]);
/* The catalog of n records (1..32): validation entry and initial/default entry from
 * records[0]; the others in sections in their given order, one section per run of
 * consecutive records of one platform (IMAPI keeps the array's order on the disc);
 * the last header 91h. Returns the bytes used (a multiple of 32, at most 64 entries =
 * one 2048-byte sector) or 0 when n is out of range or cap too small. */
size_t fs_eltorito_build_catalog(const fs_eltorito_record *records, uint32_t n, uint8_t *out, size_t cap);
/* Bytes a catalog of n records takes (sections counted as in build). */
size_t fs_eltorito_catalog_size(const fs_eltorito_record *records, uint32_t n);

/* ---- parsers (tests, import) ---- */

/* 0 and the catalog's sector when vd is an El Torito boot record, else -1. */
int fs_eltorito_parse_brvd(const uint8_t vd[2048], uint32_t *catalog_lba);
/* Parse a catalog: checks the validation entry (header id, keys, checksum) and walks
 * the default entry and the sections until the final header's entries. Fills up to
 * cap records (platform taken from the validation entry or the section header; id of
 * the validation entry / section header). Returns the number of entries, or -1 for a
 * malformed catalog. */
int fs_eltorito_parse_catalog(const uint8_t *cat, size_t len, fs_eltorito_record *out, uint32_t cap);

#endif
