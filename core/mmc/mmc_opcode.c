/* Operation code names for traces: one table, next to enum mmc_opcode's definition. */
#include "mmc_defs.h"

const char *mmc_opcode_name(uint8_t opcode)
{
    switch (opcode)
    {
    case MMC_TEST_UNIT_READY: return "TEST UNIT READY";
    case MMC_REQUEST_SENSE: return "REQUEST SENSE";
    case MMC_FORMAT_UNIT: return "FORMAT UNIT";
    case MMC_INQUIRY: return "INQUIRY";
    case MMC_MODE_SELECT6: return "MODE SELECT(6)";
    case MMC_MODE_SENSE6: return "MODE SENSE(6)";
    case MMC_START_STOP_UNIT: return "START STOP UNIT";
    case MMC_PREVENT_ALLOW_MEDIUM_REMOVAL: return "PREVENT ALLOW MEDIUM REMOVAL";
    case MMC_READ_FORMAT_CAPACITIES: return "READ FORMAT CAPACITIES";
    case MMC_READ_CAPACITY: return "READ CAPACITY";
    case MMC_READ10: return "READ(10)";
    case MMC_WRITE10: return "WRITE(10)";
    case MMC_SEEK10: return "SEEK(10)";
    case MMC_WRITE_AND_VERIFY10: return "WRITE AND VERIFY(10)";
    case MMC_VERIFY10: return "VERIFY(10)";
    case MMC_SYNCHRONIZE_CACHE: return "SYNCHRONIZE CACHE";
    case MMC_READ_BUFFER: return "READ BUFFER";
    case MMC_READ_SUBCHANNEL: return "READ SUBCHANNEL";
    case MMC_READ_TOC_PMA_ATIP: return "READ TOC/PMA/ATIP";
    case MMC_GET_CONFIGURATION: return "GET CONFIGURATION";
    case MMC_GET_EVENT_STATUS_NOTIFICATION: return "GET EVENT STATUS NOTIFICATION";
    case MMC_READ_DISC_INFORMATION: return "READ DISC INFORMATION";
    case MMC_READ_TRACK_INFORMATION: return "READ TRACK INFORMATION";
    case MMC_RESERVE_TRACK: return "RESERVE TRACK";
    case MMC_SEND_OPC_INFORMATION: return "SEND OPC INFORMATION";
    case MMC_MODE_SELECT10: return "MODE SELECT(10)";
    case MMC_REPAIR_TRACK: return "REPAIR TRACK";
    case MMC_MODE_SENSE10: return "MODE SENSE(10)";
    case MMC_CLOSE_TRACK_SESSION: return "CLOSE TRACK/SESSION";
    case MMC_READ_BUFFER_CAPACITY: return "READ BUFFER CAPACITY";
    case MMC_SEND_CUE_SHEET: return "SEND CUE SHEET";
    case MMC_BLANK: return "BLANK";
    case MMC_SEND_KEY: return "SEND KEY";
    case MMC_REPORT_KEY: return "REPORT KEY";
    case MMC_LOAD_UNLOAD_MEDIUM: return "LOAD/UNLOAD MEDIUM";
    case MMC_SET_READ_AHEAD: return "SET READ AHEAD";
    case MMC_READ12: return "READ(12)";
    case MMC_WRITE12: return "WRITE(12)";
    case MMC_GET_PERFORMANCE: return "GET PERFORMANCE";
    case MMC_READ_DISC_STRUCTURE: return "READ DISC STRUCTURE";
    case MMC_SET_STREAMING: return "SET STREAMING";
    case MMC_READ_CD_MSF: return "READ CD MSF";
    case MMC_SET_CD_SPEED: return "SET CD SPEED";
    case MMC_MECHANISM_STATUS: return "MECHANISM STATUS";
    case MMC_READ_CD: return "READ CD";
    case MMC_SEND_DISC_STRUCTURE: return "SEND DISC STRUCTURE";
    }
    return "UNKNOWN";
}
