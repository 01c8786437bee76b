/* The transport seam: how a CDB reaches a drive. Everything above it (the MMC command
 * layer, the COM objects) talks to drives only through this interface, whether the
 * drive is real (SCSI pass-through direct, implemented in the DLL) or our emulated
 * recorder (core/vdrive, in process). Nothing above may know which one it has. */
#ifndef IMAPI_MMC_TRANSPORT_H
#define IMAPI_MMC_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>
#include "mmc_defs.h"

enum mmc_dir
{
    MMC_DIR_NONE = 0,   /* no data phase */
    MMC_DIR_IN   = 1,   /* device to host (reads) */
    MMC_DIR_OUT  = 2    /* host to device (writes) */
};

/* Outcome of one command at the transport level. */
enum mmc_status
{
    MMC_STATUS_GOOD            = 0, /* command completed, no check condition */
    MMC_STATUS_CHECK_CONDITION = 1, /* sense[] holds fixed-format sense data */
    MMC_STATUS_TIMEOUT         = 2, /* the command did not complete in time */
    MMC_STATUS_TRANSPORT_ERROR = 3, /* the device could not be reached (gone, handle bad) */
    MMC_STATUS_BUSY            = 4  /* SCSI BUSY / reservation conflict */
};

typedef struct mmc_command
{
    uint8_t cdb[16];
    uint8_t cdb_len;            /* 6, 10, 12 or 16 */
    enum mmc_dir dir;
    void *buf;                  /* data buffer (may be NULL when len == 0) */
    size_t len;                 /* allocation / transfer length in bytes */
    unsigned timeout_s;         /* seconds; 0 means the default for the command kind */
    /* results */
    size_t transferred;         /* bytes actually moved (residual = len - transferred) */
    uint8_t sense[MMC_SENSE_LEN];
} mmc_command;

typedef struct mmc_transport mmc_transport;

struct mmc_transport
{
    /* Execute one command. Fills transferred and sense; returns an enum mmc_status. */
    int (*execute)(mmc_transport *t, mmc_command *cmd);
    void (*release)(mmc_transport *t);
    void *ctx;
};

#endif
