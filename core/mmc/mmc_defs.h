/* MMC-6 / SPC numbers shared by the host-side command layer (core/mmc) and the
 * emulated recorder (core/vdrive): opcodes, sense keys, profiles, feature codes,
 * mode pages. One definition of each; add here, never locally. */
#ifndef IMAPI_MMC_DEFS_H
#define IMAPI_MMC_DEFS_H

#include <stdint.h>

/* Operation codes */
enum mmc_opcode
{
    MMC_TEST_UNIT_READY              = 0x00,
    MMC_REQUEST_SENSE                = 0x03,
    MMC_FORMAT_UNIT                  = 0x04,
    MMC_INQUIRY                      = 0x12,
    MMC_MODE_SELECT6                 = 0x15,
    MMC_MODE_SENSE6                  = 0x1A,
    MMC_START_STOP_UNIT              = 0x1B,
    MMC_PREVENT_ALLOW_MEDIUM_REMOVAL = 0x1E,
    MMC_READ_FORMAT_CAPACITIES       = 0x23,
    MMC_READ_CAPACITY                = 0x25,
    MMC_READ10                       = 0x28,
    MMC_WRITE10                      = 0x2A,
    MMC_SEEK10                       = 0x2B,
    MMC_WRITE_AND_VERIFY10           = 0x2E,
    MMC_VERIFY10                     = 0x2F,
    MMC_SYNCHRONIZE_CACHE            = 0x35,
    MMC_READ_BUFFER                  = 0x3C,
    MMC_READ_SUBCHANNEL              = 0x42,
    MMC_READ_TOC_PMA_ATIP            = 0x43,
    MMC_GET_CONFIGURATION            = 0x46,
    MMC_GET_EVENT_STATUS_NOTIFICATION = 0x4A,
    MMC_READ_DISC_INFORMATION        = 0x51,
    MMC_READ_TRACK_INFORMATION       = 0x52,
    MMC_RESERVE_TRACK                = 0x53,
    MMC_SEND_OPC_INFORMATION         = 0x54,
    MMC_MODE_SELECT10                = 0x55,
    MMC_REPAIR_TRACK                 = 0x58,
    MMC_MODE_SENSE10                 = 0x5A,
    MMC_CLOSE_TRACK_SESSION          = 0x5B,
    MMC_READ_BUFFER_CAPACITY         = 0x5C,
    MMC_SEND_CUE_SHEET               = 0x5D,
    MMC_BLANK                        = 0xA1,
    MMC_SEND_KEY                     = 0xA3,
    MMC_REPORT_KEY                   = 0xA4,
    MMC_LOAD_UNLOAD_MEDIUM           = 0xA6,
    MMC_SET_READ_AHEAD               = 0xA7,
    MMC_READ12                       = 0xA8,
    MMC_WRITE12                      = 0xAA,
    MMC_GET_PERFORMANCE              = 0xAC,
    MMC_READ_DISC_STRUCTURE          = 0xAD,
    MMC_SET_STREAMING                = 0xB6,
    MMC_READ_CD_MSF                  = 0xB9,
    MMC_SET_CD_SPEED                 = 0xBB,
    MMC_MECHANISM_STATUS             = 0xBD,
    MMC_READ_CD                      = 0xBE,
    MMC_SEND_DISC_STRUCTURE          = 0xBF
};

/* The name of an operation code for traces ("INQUIRY", "READ CAPACITY"); codes not in
 * enum mmc_opcode give "UNKNOWN". Never NULL. (core/mmc/mmc_opcode.c) */
const char *mmc_opcode_name(uint8_t opcode);

/* Sense keys (SPC) */
enum mmc_sense_key
{
    SK_NO_SENSE        = 0x0,
    SK_RECOVERED_ERROR = 0x1,
    SK_NOT_READY       = 0x2,
    SK_MEDIUM_ERROR    = 0x3,
    SK_HARDWARE_ERROR  = 0x4,
    SK_ILLEGAL_REQUEST = 0x5,
    SK_UNIT_ATTENTION  = 0x6,
    SK_DATA_PROTECT    = 0x7,
    SK_BLANK_CHECK     = 0x8,
    SK_ABORTED_COMMAND = 0xB,
    SK_MISCOMPARE      = 0xE
};

/* Fixed-format sense data as returned by REQUEST SENSE and in the 18-byte buffers
 * of IDiscRecorder2Ex: byte 0 response code, 2 key, 7 additional length, 12 ASC, 13 ASCQ. */
#define MMC_SENSE_LEN          18
#define MMC_SENSE_FIXED_CURRENT 0x70

/* Profiles (GET CONFIGURATION), values as in IMAPI_PROFILE_TYPE */
enum mmc_profile
{
    MMC_PROFILE_NONE                = 0x0000,
    MMC_PROFILE_NON_REMOVABLE_DISK  = 0x0001,
    MMC_PROFILE_REMOVABLE_DISK      = 0x0002,
    MMC_PROFILE_MO_ERASABLE         = 0x0003,
    MMC_PROFILE_MO_WRITE_ONCE       = 0x0004,
    MMC_PROFILE_AS_MO               = 0x0005,
    MMC_PROFILE_CDROM               = 0x0008,
    MMC_PROFILE_CD_RECORDABLE       = 0x0009,
    MMC_PROFILE_CD_REWRITABLE       = 0x000A,
    MMC_PROFILE_DVDROM              = 0x0010,
    MMC_PROFILE_DVD_DASH_RECORDABLE = 0x0011,
    MMC_PROFILE_DVD_RAM             = 0x0012,
    MMC_PROFILE_DVD_DASH_RW_RESTRICTED = 0x0013,
    MMC_PROFILE_DVD_DASH_RW_SEQUENTIAL = 0x0014,
    MMC_PROFILE_DVD_DASH_R_DL_SEQUENTIAL = 0x0015,
    MMC_PROFILE_DVD_DASH_R_DL_JUMP  = 0x0016,
    MMC_PROFILE_DVD_PLUS_RW         = 0x001A,
    MMC_PROFILE_DVD_PLUS_R          = 0x001B,
    MMC_PROFILE_DDCDROM             = 0x0020,
    MMC_PROFILE_DDCD_RECORDABLE     = 0x0021,
    MMC_PROFILE_DDCD_REWRITABLE     = 0x0022,
    MMC_PROFILE_DVD_PLUS_RW_DUAL    = 0x002A,
    MMC_PROFILE_DVD_PLUS_R_DUAL     = 0x002B,
    MMC_PROFILE_BD_ROM              = 0x0040,
    MMC_PROFILE_BD_R_SEQUENTIAL     = 0x0041,
    MMC_PROFILE_BD_R_RANDOM         = 0x0042,
    MMC_PROFILE_BD_REWRITABLE       = 0x0043,
    MMC_PROFILE_HD_DVD_ROM          = 0x0050,
    MMC_PROFILE_HD_DVD_R            = 0x0051,
    MMC_PROFILE_HD_DVD_RAM          = 0x0052,
    MMC_PROFILE_NON_STANDARD        = 0xFFFF
};

/* Feature codes (GET CONFIGURATION), values as in IMAPI_FEATURE_PAGE_TYPE */
enum mmc_feature
{
    MMC_FEATURE_PROFILE_LIST              = 0x0000,
    MMC_FEATURE_CORE                      = 0x0001,
    MMC_FEATURE_MORPHING                  = 0x0002,
    MMC_FEATURE_REMOVABLE_MEDIUM          = 0x0003,
    MMC_FEATURE_WRITE_PROTECT             = 0x0004,
    MMC_FEATURE_RANDOMLY_READABLE         = 0x0010,
    MMC_FEATURE_CD_MULTIREAD              = 0x001D,
    MMC_FEATURE_CD_READ                   = 0x001E,
    MMC_FEATURE_DVD_READ                  = 0x001F,
    MMC_FEATURE_RANDOMLY_WRITABLE         = 0x0020,
    MMC_FEATURE_INCREMENTAL_STREAMING_WRITABLE = 0x0021,
    MMC_FEATURE_SECTOR_ERASABLE           = 0x0022,
    MMC_FEATURE_FORMATTABLE               = 0x0023,
    MMC_FEATURE_HARDWARE_DEFECT_MANAGEMENT = 0x0024,
    MMC_FEATURE_WRITE_ONCE                = 0x0025,
    MMC_FEATURE_RESTRICTED_OVERWRITE      = 0x0026,
    MMC_FEATURE_CDRW_CAV_WRITE            = 0x0027,
    MMC_FEATURE_MRW                       = 0x0028,
    MMC_FEATURE_ENHANCED_DEFECT_REPORTING = 0x0029,
    MMC_FEATURE_DVD_PLUS_RW               = 0x002A,
    MMC_FEATURE_DVD_PLUS_R                = 0x002B,
    MMC_FEATURE_RIGID_RESTRICTED_OVERWRITE = 0x002C,
    MMC_FEATURE_CD_TRACK_AT_ONCE          = 0x002D,
    MMC_FEATURE_CD_MASTERING              = 0x002E,
    MMC_FEATURE_DVD_DASH_WRITE            = 0x002F,
    MMC_FEATURE_DOUBLE_DENSITY_CD_READ    = 0x0030,
    MMC_FEATURE_DOUBLE_DENSITY_CD_R_WRITE = 0x0031,
    MMC_FEATURE_DOUBLE_DENSITY_CD_RW_WRITE = 0x0032,
    MMC_FEATURE_LAYER_JUMP_RECORDING      = 0x0033,
    MMC_FEATURE_CD_RW_MEDIA_WRITE_SUPPORT = 0x0037,
    MMC_FEATURE_BD_PSEUDO_OVERWRITE       = 0x0038,
    MMC_FEATURE_DVD_PLUS_R_DUAL_LAYER     = 0x003B,
    MMC_FEATURE_BD_READ                   = 0x0040,
    MMC_FEATURE_BD_WRITE                  = 0x0041,
    MMC_FEATURE_HD_DVD_READ               = 0x0050,
    MMC_FEATURE_HD_DVD_WRITE              = 0x0051,
    MMC_FEATURE_POWER_MANAGEMENT          = 0x0100,
    MMC_FEATURE_SMART                     = 0x0101,
    MMC_FEATURE_EMBEDDED_CHANGER          = 0x0102,
    MMC_FEATURE_CD_ANALOG_PLAY            = 0x0103,
    MMC_FEATURE_MICROCODE_UPDATE          = 0x0104,
    MMC_FEATURE_TIMEOUT                   = 0x0105,
    MMC_FEATURE_DVD_CSS                   = 0x0106,
    MMC_FEATURE_REAL_TIME_STREAMING       = 0x0107,
    MMC_FEATURE_LOGICAL_UNIT_SERIAL_NUMBER = 0x0108,
    MMC_FEATURE_MEDIA_SERIAL_NUMBER       = 0x0109,
    MMC_FEATURE_DISC_CONTROL_BLOCKS       = 0x010A,
    MMC_FEATURE_DVD_CPRM                  = 0x010B,
    MMC_FEATURE_FIRMWARE_INFORMATION      = 0x010C,
    MMC_FEATURE_AACS                      = 0x010D,
    MMC_FEATURE_VCPS                      = 0x0110
};

/* Mode pages, values as in IMAPI_MODE_PAGE_TYPE */
enum mmc_mode_page
{
    MMC_MODE_PAGE_ERROR_RECOVERY          = 0x01,
    MMC_MODE_PAGE_MRW                     = 0x03,
    MMC_MODE_PAGE_WRITE_PARAMETERS        = 0x05,
    MMC_MODE_PAGE_CACHING                 = 0x08,
    MMC_MODE_PAGE_INFO_EXCEPTIONS         = 0x1C,
    MMC_MODE_PAGE_TIMEOUT_AND_PROTECT     = 0x1D,
    MMC_MODE_PAGE_POWER_CONDITION         = 0x1A,
    MMC_MODE_PAGE_LEGACY_CAPABILITIES     = 0x2A,
    MMC_MODE_PAGE_ALL                     = 0x3F
};

/* Page control field of MODE SENSE, values as in IMAPI_MODE_PAGE_REQUEST_TYPE */
enum mmc_mode_page_control
{
    MMC_PC_CURRENT    = 0,
    MMC_PC_CHANGEABLE = 1,
    MMC_PC_DEFAULT    = 2,
    MMC_PC_SAVED      = 3
};

/* Sector sizes */
#define MMC_SECTOR_DATA      2048
#define MMC_SECTOR_RAW_CD    2352
#define MMC_SECTOR_RAW_CD_PW 2448

/* CD addressing: LBA 0 is MSF 00:02:00 */
#define MMC_CD_PREGAP_FRAMES 150
#define MMC_CD_FRAMES_PER_SECOND 75

/* Additional sense codes (ASC, ASCQ) as 16-bit ASC<<8|ASCQ (SPC / MMC-6 annex) */
enum mmc_asc_ascq
{
    MMC_ASCQ_NO_ADDITIONAL_SENSE        = 0x0000,
    MMC_ASCQ_BECOMING_READY             = 0x0401,
    MMC_ASCQ_FORMAT_IN_PROGRESS         = 0x0404,
    MMC_ASCQ_OPERATION_IN_PROGRESS      = 0x0407,
    MMC_ASCQ_LONG_WRITE_IN_PROGRESS     = 0x0408,
    MMC_ASCQ_LOSS_OF_STREAMING          = 0x0C09,
    MMC_ASCQ_UNRECOVERED_READ_ERROR     = 0x1100,
    MMC_ASCQ_INVALID_COMMAND_OPCODE     = 0x2000,
    MMC_ASCQ_LBA_OUT_OF_RANGE           = 0x2100,
    MMC_ASCQ_INVALID_ADDRESS_FOR_WRITE  = 0x2102,
    MMC_ASCQ_INVALID_FIELD_IN_CDB       = 0x2400,
    MMC_ASCQ_INVALID_FIELD_IN_PARAMETER_LIST = 0x2600,
    MMC_ASCQ_PARAMETER_NOT_SUPPORTED    = 0x2601,
    MMC_ASCQ_WRITE_PROTECTED            = 0x2700,
    MMC_ASCQ_MEDIUM_MAY_HAVE_CHANGED    = 0x2800,
    MMC_ASCQ_COMMAND_SEQUENCE_ERROR     = 0x2C00,
    MMC_ASCQ_INCOMPATIBLE_MEDIUM        = 0x3000,
    MMC_ASCQ_CANNOT_READ_UNKNOWN_FORMAT = 0x3001,
    MMC_ASCQ_CANNOT_READ_INCOMPATIBLE_FORMAT = 0x3002,
    MMC_ASCQ_CANNOT_WRITE_INCOMPATIBLE_FORMAT = 0x3005,
    MMC_ASCQ_CANNOT_FORMAT_INCOMPATIBLE_MEDIUM = 0x3006,
    MMC_ASCQ_MEDIUM_FORMAT_CORRUPTED    = 0x3100,
    MMC_ASCQ_MEDIUM_NOT_PRESENT         = 0x3A00,
    MMC_ASCQ_MEDIUM_NOT_PRESENT_TRAY_CLOSED = 0x3A01,
    MMC_ASCQ_MEDIUM_NOT_PRESENT_TRAY_OPEN = 0x3A02,
    MMC_ASCQ_MEDIUM_REMOVAL_PREVENTED   = 0x5302,
    MMC_ASCQ_ILLEGAL_MODE_FOR_THIS_TRACK = 0x6400,
    MMC_ASCQ_NO_MORE_TRACK_RESERVATIONS = 0x7205,
    MMC_ASCQ_EMPTY_OR_PARTIALLY_WRITTEN_RESERVED_TRACK = 0x7204
};

#endif
