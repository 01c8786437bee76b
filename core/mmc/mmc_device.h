/* The device helper layer: sends commands through an mmc_transport, turns check
 * conditions into HRESULTs (sense table, one retry for unit attention) and
 * offers the composite queries the COM objects need. Every function returns an
 * int32_t HRESULT (0 = S_OK). Buffers returned through uint8_t ** / arrays are
 * malloc'd; the caller frees them with free() (the COM layer copies them into
 * CoTaskMem memory). On failure output pointers are NULL and counts 0. */
#ifndef IMAPI_MMC_DEVICE_H
#define IMAPI_MMC_DEVICE_H

#include <stddef.h>
#include <stdint.h>
#include "mmc_transport.h"
#include "mmc_cdb.h"
#include "mmc_parse.h"
#include "mmc_sense.h"

typedef struct mmc_device
{
    mmc_transport *transport;
    /* Outcome of the last command sent, for callers that need the detail
     * behind an HRESULT (e.g. which "no medium" variant: tray open or closed). */
    int last_status;                        /* enum mmc_status */
    uint8_t last_sense_raw[MMC_SENSE_LEN];  /* valid when last_status is CHECK CONDITION */
    mmc_sense last_sense;
} mmc_device;

void mmc_dev_init(mmc_device *d, mmc_transport *t);

/* Sends one command built by an mmc_cdb_* builder. Check condition: sense is
 * parsed and mapped; a unit attention (or aborted command) is retried once.
 * Fails with E_IMAPI_RECORDER_INVALID_RESPONSE_FROM_DEVICE if the transport
 * claims to have moved more than len bytes. */
int32_t mmc_dev_execute(mmc_device *d, mmc_command *c);

/* Raw pass-through for IDiscRecorder2Ex::SendCommand*: no retry, no mapping of
 * sense. Returns S_OK, S_IMAPI_COMMAND_HAS_SENSE_DATA (sense copied to
 * sense_out, 18 bytes) or a transport HRESULT. cdb_len 1..16 (the CDB size rule
 * is checked separately by mmc_cdb_size_valid). transferred may be NULL. */
int32_t mmc_dev_passthrough(mmc_device *d, const uint8_t *cdb, size_t cdb_len, enum mmc_dir dir,
                            void *buf, size_t len, unsigned timeout_s,
                            uint8_t sense_out[MMC_SENSE_LEN], size_t *transferred);

int32_t mmc_dev_test_unit_ready(mmc_device *d);
int32_t mmc_dev_inquiry(mmc_device *d, mmc_inquiry *out);

/* Current profile from the GET CONFIGURATION header (0 = no medium / none). */
int32_t mmc_dev_get_current_profile(mmc_device *d, uint16_t *profile);
/* Profiles of the Profile List feature; current_only keeps those flagged current. */
int32_t mmc_dev_get_profiles(mmc_device *d, int current_only, uint16_t **profiles, size_t *count);
/* One feature descriptor, 4-byte header included. E_IMAPI_RECORDER_NO_SUCH_FEATURE
 * if the drive lacks it, E_IMAPI_RECORDER_FEATURE_IS_NOT_CURRENT if current_only
 * and it is not current. */
int32_t mmc_dev_get_feature(mmc_device *d, uint16_t code, int current_only, uint8_t **desc, size_t *len);
/* Codes of all (or only current) features, in the drive's order. */
int32_t mmc_dev_get_supported_features(mmc_device *d, int current_only, uint16_t **codes, size_t *count);

/* One mode page (page header included, mode header and block descriptors
 * stripped); page 3Fh returns all pages back to back.
 * E_IMAPI_RECORDER_NO_SUCH_MODE_PAGE when absent. */
int32_t mmc_dev_get_mode_page(mmc_device *d, uint8_t page, enum mmc_mode_page_control pc,
                              uint8_t **data, size_t *len);
/* Page codes the drive reports for MODE SENSE page 3Fh. */
int32_t mmc_dev_get_mode_page_list(mmc_device *d, enum mmc_mode_page_control pc, uint8_t **codes,
                                   size_t *count);
/* MODE SELECT(10) of one page (page header included, as returned by
 * mmc_dev_get_mode_page); the mode header is prepended here. MMC_HR_INVALIDARG
 * when len disagrees with the page's own length. */
int32_t mmc_dev_set_mode_page(mmc_device *d, const uint8_t *page, size_t len, int save);

/* raw/raw_len optional (NULL): the response bytes, clipped to its declared length. */
int32_t mmc_dev_disc_info(mmc_device *d, mmc_disc_info *info, uint8_t **raw, size_t *raw_len);
int32_t mmc_dev_track_info(mmc_device *d, enum mmc_track_addr_type type, uint32_t address,
                           mmc_track_info *info, uint8_t **raw, size_t *raw_len);
int32_t mmc_dev_read_capacity(mmc_device *d, uint32_t *last_lba, uint32_t *block_len);

/* READ TOC/PMA/ATIP of the given format, whole response (header included, sized
 * from the header's length), for the mmc_parse_toc / _full_toc / _atip / _cdtext
 * parsers. */
int32_t mmc_dev_read_toc(mmc_device *d, enum mmc_toc_format format, int msf, uint8_t track_or_session,
                         uint8_t **raw, size_t *len);
/* READ FORMAT CAPACITIES: *current the current/maximum descriptor; formattable
 * descriptors malloc'd into *list (may be empty). */
int32_t mmc_dev_format_capacities(mmc_device *d, mmc_format_capacity *current,
                                  mmc_format_capacity **list, size_t *count);
int32_t mmc_dev_buffer_capacity(mmc_device *d, uint32_t *buffer_len, uint32_t *blank_len);

/* READ DISC STRUCTURE with the 4-byte header stripped. */
int32_t mmc_dev_read_disc_structure(mmc_device *d, enum mmc_structure_media media, uint8_t format,
                                    uint32_t address, uint8_t layer, uint8_t agid,
                                    uint8_t **data, size_t *len);
/* SEND DISC STRUCTURE; data without header, the 4-byte header is prepended. */
int32_t mmc_dev_send_disc_structure(mmc_device *d, enum mmc_structure_media media, uint8_t format,
                                    const uint8_t *data, size_t len);

/* Media presence via GET EVENT STATUS NOTIFICATION (media class), falling back to
 * TEST UNIT READY for drives without it. A present medium that is still spinning
 * up counts as present. tray_open may be NULL; it is 0 when unknown. */
int32_t mmc_dev_media_present(mmc_device *d, int *present, int *tray_open);
int32_t mmc_dev_eject(mmc_device *d);
int32_t mmc_dev_load(mmc_device *d);
int32_t mmc_dev_prevent_removal(mmc_device *d, int prevent);

/* Write speed descriptors (GET PERFORMANCE type 03h); drives without GET
 * PERFORMANCE fall back to the descriptors of mode page 2Ah. */
int32_t mmc_dev_write_speeds(mmc_device *d, mmc_write_speed_desc **speeds, size_t *count);

#endif
