/* A scripted transport for device-layer tests: a table of canned replies, each
 * matched by opcode (and optionally one more CDB byte), returning data, a
 * status, sense, or a lying transfer count. Unmatched commands get what a real
 * drive answers for an unknown opcode: CHECK CONDITION 05/20/00. */
#ifndef FAKE_TRANSPORT_H
#define FAKE_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>
#include "mmc/mmc_transport.h"

typedef struct fake_reply
{
    uint8_t opcode;
    int match_index;            /* 0: opcode only; else this CDB byte must equal match_value */
    uint8_t match_value;
    int status;                 /* enum mmc_status */
    uint8_t key, asc, ascq;     /* sense for CHECK CONDITION */
    const uint8_t *data;        /* data-in bytes */
    size_t data_len;
    int lie;                    /* set: report claim as the transfer count whatever was copied */
    size_t claim;
    int uses;                   /* 0: unlimited; else how many times this reply may answer */
    const uint8_t *raw_sense;   /* if set: these 18 bytes are the sense */
} fake_reply;

#define FAKE_MAX_LOG 32

typedef struct fake_transport
{
    mmc_transport base;
    const fake_reply *replies;
    size_t count;
    int used[64];
    unsigned calls;
    uint8_t cdb_log[FAKE_MAX_LOG][16];
    unsigned timeout_log[FAKE_MAX_LOG];
    uint8_t out[8192];          /* last data-out payload */
    size_t out_len;
} fake_transport;

void fake_init(fake_transport *f, const fake_reply *replies, size_t count);
/* CDB of the i-th command sent (0-based). */
const uint8_t *fake_cdb(const fake_transport *f, unsigned i);

#endif
