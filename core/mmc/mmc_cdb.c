/* CDB builders (MMC-6 / SPC-4 layouts). Each sets the opcode, the fields the
 * caller controls, the data direction and length, and the default timeout. */
#include <string.h>
#include "mmc_cdb.h"
#include "io/byteorder.h"

static void init(mmc_command *c, uint8_t opcode, uint8_t cdb_len, enum mmc_dir dir,
                 void *buf, size_t len, unsigned timeout_s)
{
    memset(c, 0, sizeof(*c));
    c->cdb[0] = opcode;
    c->cdb_len = cdb_len;
    c->dir = len ? dir : MMC_DIR_NONE;
    c->buf = len ? buf : NULL;
    c->len = len;
    c->timeout_s = timeout_s;
}

void mmc_cdb_test_unit_ready(mmc_command *c)
{
    init(c, MMC_TEST_UNIT_READY, 6, MMC_DIR_NONE, NULL, 0, MMC_TIMEOUT_DEFAULT);
}

void mmc_cdb_request_sense(mmc_command *c, void *buf, uint8_t alloc, int descriptor_format)
{
    init(c, MMC_REQUEST_SENSE, 6, MMC_DIR_IN, buf, alloc, MMC_TIMEOUT_DEFAULT);
    c->cdb[1] = descriptor_format ? 0x01 : 0x00;   /* DESC */
    c->cdb[4] = alloc;
}

void mmc_cdb_inquiry(mmc_command *c, void *buf, uint8_t alloc)
{
    init(c, MMC_INQUIRY, 6, MMC_DIR_IN, buf, alloc, MMC_TIMEOUT_DEFAULT);
    /* SPC-3 widened the allocation length to bytes 3..4; keeping it below 256
     * leaves byte 3 zero, which older ATAPI drives (SPC-2: byte 3 reserved) need. */
    put_be16(&c->cdb[3], alloc);
}

void mmc_cdb_get_configuration(mmc_command *c, void *buf, uint16_t alloc, enum mmc_config_rt rt,
                               uint16_t starting_feature)
{
    init(c, MMC_GET_CONFIGURATION, 10, MMC_DIR_IN, buf, alloc, MMC_TIMEOUT_DEFAULT);
    c->cdb[1] = (uint8_t)(rt & 0x03);
    put_be16(&c->cdb[2], starting_feature);
    put_be16(&c->cdb[7], alloc);
}

void mmc_cdb_get_event_status(mmc_command *c, void *buf, uint16_t alloc, uint8_t class_mask)
{
    init(c, MMC_GET_EVENT_STATUS_NOTIFICATION, 10, MMC_DIR_IN, buf, alloc, MMC_TIMEOUT_DEFAULT);
    c->cdb[1] = 0x01;                 /* Polled: asynchronous operation is not used */
    c->cdb[4] = class_mask;
    put_be16(&c->cdb[7], alloc);
}

void mmc_cdb_read_disc_information(mmc_command *c, void *buf, uint16_t alloc)
{
    init(c, MMC_READ_DISC_INFORMATION, 10, MMC_DIR_IN, buf, alloc, MMC_TIMEOUT_DEFAULT);
    /* byte 1 data type 000b: standard disc information */
    put_be16(&c->cdb[7], alloc);
}

void mmc_cdb_read_track_information(mmc_command *c, void *buf, uint16_t alloc,
                                    enum mmc_track_addr_type type, uint32_t address)
{
    init(c, MMC_READ_TRACK_INFORMATION, 10, MMC_DIR_IN, buf, alloc, MMC_TIMEOUT_DEFAULT);
    c->cdb[1] = (uint8_t)(type & 0x03);
    put_be32(&c->cdb[2], address);
    put_be16(&c->cdb[7], alloc);
}

void mmc_cdb_read_toc(mmc_command *c, void *buf, uint16_t alloc, enum mmc_toc_format format,
                      int msf, uint8_t track_or_session)
{
    init(c, MMC_READ_TOC_PMA_ATIP, 10, MMC_DIR_IN, buf, alloc, MMC_TIMEOUT_DEFAULT);
    c->cdb[1] = msf ? 0x02 : 0x00;
    c->cdb[2] = (uint8_t)(format & 0x0F);
    c->cdb[6] = track_or_session;
    put_be16(&c->cdb[7], alloc);
}

void mmc_cdb_read_capacity(mmc_command *c, void *buf8)
{
    init(c, MMC_READ_CAPACITY, 10, MMC_DIR_IN, buf8, 8, MMC_TIMEOUT_DEFAULT);
}

void mmc_cdb_read_format_capacities(mmc_command *c, void *buf, uint16_t alloc)
{
    init(c, MMC_READ_FORMAT_CAPACITIES, 10, MMC_DIR_IN, buf, alloc, MMC_TIMEOUT_DEFAULT);
    put_be16(&c->cdb[7], alloc);
}

void mmc_cdb_read_disc_structure(mmc_command *c, void *buf, uint16_t alloc, enum mmc_structure_media media,
                                 uint32_t address, uint8_t layer, uint8_t format, uint8_t agid)
{
    init(c, MMC_READ_DISC_STRUCTURE, 12, MMC_DIR_IN, buf, alloc, MMC_TIMEOUT_DEFAULT);
    c->cdb[1] = (uint8_t)(media & 0x0F);
    put_be32(&c->cdb[2], address);
    c->cdb[6] = layer;
    c->cdb[7] = format;
    put_be16(&c->cdb[8], alloc);
    c->cdb[10] = (uint8_t)((agid & 0x03) << 6);
}

void mmc_cdb_send_disc_structure(mmc_command *c, const void *buf, uint16_t len,
                                 enum mmc_structure_media media, uint8_t format, uint8_t agid)
{
    init(c, MMC_SEND_DISC_STRUCTURE, 12, MMC_DIR_OUT, (void *)buf, len, MMC_TIMEOUT_DEFAULT);
    c->cdb[1] = (uint8_t)(media & 0x0F);
    c->cdb[7] = format;
    put_be16(&c->cdb[8], len);
    c->cdb[10] = (uint8_t)((agid & 0x03) << 6);
}

void mmc_cdb_mode_sense10(mmc_command *c, void *buf, uint16_t alloc, uint8_t page_code,
                          enum mmc_mode_page_control pc)
{
    init(c, MMC_MODE_SENSE10, 10, MMC_DIR_IN, buf, alloc, MMC_TIMEOUT_DEFAULT);
    c->cdb[1] = 0x08;                                  /* DBD */
    c->cdb[2] = (uint8_t)(((unsigned)pc & 0x03) << 6 | (page_code & 0x3F));
    put_be16(&c->cdb[7], alloc);
}

void mmc_cdb_mode_select10(mmc_command *c, const void *buf, uint16_t len, int save_pages)
{
    init(c, MMC_MODE_SELECT10, 10, MMC_DIR_OUT, (void *)buf, len, MMC_TIMEOUT_DEFAULT);
    c->cdb[1] = (uint8_t)(0x10 | (save_pages ? 0x01 : 0));   /* PF, SP */
    put_be16(&c->cdb[7], len);
}

/* Header 8 bytes plus 16 bytes per descriptor, for both performance types used here. */
static size_t perf_len(uint16_t max_descriptors)
{
    return 8 + (size_t)max_descriptors * 16;
}

void mmc_cdb_get_performance_write_speeds(mmc_command *c, void *buf, uint16_t max_descriptors)
{
    init(c, MMC_GET_PERFORMANCE, 12, MMC_DIR_IN, buf, perf_len(max_descriptors), MMC_TIMEOUT_DEFAULT);
    put_be16(&c->cdb[8], max_descriptors);
    c->cdb[10] = MMC_PERF_TYPE_WRITE_SPEED;
}

void mmc_cdb_get_performance(mmc_command *c, void *buf, uint16_t max_descriptors, int write,
                             uint32_t start_lba)
{
    init(c, MMC_GET_PERFORMANCE, 12, MMC_DIR_IN, buf, perf_len(max_descriptors), MMC_TIMEOUT_DEFAULT);
    /* Tolerance 10b (10 % of nominal) is the only one MMC-6 leaves defined. */
    c->cdb[1] = (uint8_t)(0x02 << 3 | (write ? 0x04 : 0));
    put_be32(&c->cdb[2], start_lba);
    put_be16(&c->cdb[8], max_descriptors);
    c->cdb[10] = MMC_PERF_TYPE_PERFORMANCE;
}

void mmc_cdb_set_cd_speed(mmc_command *c, uint16_t read_kbps, uint16_t write_kbps, int rotation)
{
    init(c, MMC_SET_CD_SPEED, 12, MMC_DIR_NONE, NULL, 0, MMC_TIMEOUT_DEFAULT);
    c->cdb[1] = (uint8_t)(rotation & 0x03);
    put_be16(&c->cdb[2], read_kbps);
    put_be16(&c->cdb[4], write_kbps);
}

void mmc_cdb_set_streaming(mmc_command *c, const void *desc28)
{
    init(c, MMC_SET_STREAMING, 12, MMC_DIR_OUT, (void *)desc28, MMC_STREAMING_DESC_LEN,
         MMC_TIMEOUT_DEFAULT);
    c->cdb[8] = 0x00;                                  /* type: performance descriptor */
    put_be16(&c->cdb[9], MMC_STREAMING_DESC_LEN);
}

void mmc_streaming_descriptor(uint8_t *d, uint32_t start_lba, uint32_t end_lba,
                              uint32_t read_kbps, uint32_t write_kbps, int wrc, int exact)
{
    memset(d, 0, MMC_STREAMING_DESC_LEN);
    d[0] = (uint8_t)(((wrc & 0x03) << 3) | (exact ? 0x02 : 0));
    put_be32(d + 4, start_lba);
    put_be32(d + 8, end_lba);
    /* speed = size / time: kB per 1000 ms is kB/s */
    put_be32(d + 12, read_kbps);
    put_be32(d + 16, 1000);
    put_be32(d + 20, write_kbps);
    put_be32(d + 24, 1000);
}

void mmc_cdb_read_buffer_capacity(mmc_command *c, void *buf12)
{
    init(c, MMC_READ_BUFFER_CAPACITY, 10, MMC_DIR_IN, buf12, 12, MMC_TIMEOUT_DEFAULT);
    put_be16(&c->cdb[7], 12);                         /* Block=0: lengths in bytes */
}

void mmc_cdb_start_stop_unit(mmc_command *c, enum mmc_start_stop action, int immed)
{
    init(c, MMC_START_STOP_UNIT, 6, MMC_DIR_NONE, NULL, 0, immed ? MMC_TIMEOUT_DEFAULT : MMC_TIMEOUT_MEDIUM);
    c->cdb[1] = immed ? 0x01 : 0x00;
    c->cdb[4] = (uint8_t)action;                       /* bit 1 LoEj, bit 0 Start */
}

void mmc_cdb_prevent_allow(mmc_command *c, int prevent)
{
    init(c, MMC_PREVENT_ALLOW_MEDIUM_REMOVAL, 6, MMC_DIR_NONE, NULL, 0, MMC_TIMEOUT_DEFAULT);
    c->cdb[4] = prevent ? 0x01 : 0x00;
}

void mmc_cdb_read10(mmc_command *c, void *buf, uint32_t lba, uint16_t blocks, uint32_t block_size)
{
    init(c, MMC_READ10, 10, MMC_DIR_IN, buf, (size_t)blocks * block_size, MMC_TIMEOUT_MEDIUM);
    put_be32(&c->cdb[2], lba);
    put_be16(&c->cdb[7], blocks);
}

void mmc_cdb_read12(mmc_command *c, void *buf, uint32_t lba, uint32_t blocks, uint32_t block_size,
                    int streaming)
{
    init(c, MMC_READ12, 12, MMC_DIR_IN, buf, (size_t)blocks * block_size, MMC_TIMEOUT_MEDIUM);
    put_be32(&c->cdb[2], lba);
    put_be32(&c->cdb[6], blocks);
    c->cdb[10] = streaming ? 0x80 : 0x00;
}

void mmc_cdb_read_cd(mmc_command *c, void *buf, uint32_t lba, uint32_t blocks, uint32_t block_size,
                     enum mmc_read_cd_sector sector_type, uint8_t byte9_flags, uint8_t subchannel)
{
    init(c, MMC_READ_CD, 12, MMC_DIR_IN, buf, (size_t)blocks * block_size, MMC_TIMEOUT_MEDIUM);
    c->cdb[1] = (uint8_t)((sector_type & 0x07) << 2);
    put_be32(&c->cdb[2], lba);
    put_be24(&c->cdb[6], blocks & 0xFFFFFF);
    c->cdb[9] = byte9_flags;
    c->cdb[10] = (uint8_t)(subchannel & 0x07);
}

void mmc_cdb_write10(mmc_command *c, const void *buf, uint32_t lba, uint16_t blocks, uint32_t block_size)
{
    init(c, MMC_WRITE10, 10, MMC_DIR_OUT, (void *)buf, (size_t)blocks * block_size, MMC_TIMEOUT_MEDIUM);
    put_be32(&c->cdb[2], lba);
    put_be16(&c->cdb[7], blocks);
}

void mmc_cdb_write12(mmc_command *c, const void *buf, uint32_t lba, uint32_t blocks, uint32_t block_size,
                     int streaming)
{
    init(c, MMC_WRITE12, 12, MMC_DIR_OUT, (void *)buf, (size_t)blocks * block_size, MMC_TIMEOUT_MEDIUM);
    put_be32(&c->cdb[2], lba);
    put_be32(&c->cdb[6], blocks);
    c->cdb[10] = streaming ? 0x80 : 0x00;
}

void mmc_cdb_synchronize_cache(mmc_command *c, int immed)
{
    init(c, MMC_SYNCHRONIZE_CACHE, 10, MMC_DIR_NONE, NULL, 0, immed ? MMC_TIMEOUT_DEFAULT : MMC_TIMEOUT_LONG);
    c->cdb[1] = immed ? 0x02 : 0x00;                   /* LBA 0, 0 blocks: the whole cache */
}

void mmc_cdb_close_track_session(mmc_command *c, unsigned function, uint16_t track, int immed)
{
    init(c, MMC_CLOSE_TRACK_SESSION, 10, MMC_DIR_NONE, NULL, 0, immed ? MMC_TIMEOUT_DEFAULT : MMC_TIMEOUT_LONG);
    c->cdb[1] = immed ? 0x01 : 0x00;
    c->cdb[2] = (uint8_t)(function & 0x07);
    put_be16(&c->cdb[4], track);
}

void mmc_cdb_reserve_track(mmc_command *c, uint32_t blocks)
{
    init(c, MMC_RESERVE_TRACK, 10, MMC_DIR_NONE, NULL, 0, MMC_TIMEOUT_MEDIUM);
    put_be32(&c->cdb[5], blocks);                     /* ARSV=0: reservation size */
}

void mmc_cdb_blank(mmc_command *c, enum mmc_blank_type type, uint32_t address, int immed)
{
    init(c, MMC_BLANK, 12, MMC_DIR_NONE, NULL, 0, immed ? MMC_TIMEOUT_DEFAULT : MMC_TIMEOUT_LONG);
    c->cdb[1] = (uint8_t)((immed ? 0x10 : 0) | (type & 0x07));
    put_be32(&c->cdb[2], address);
}

void mmc_cdb_format_unit(mmc_command *c, const void *list12)
{
    const uint8_t *l = list12;

    /* An immediate format returns at once; otherwise it can take as long as a blank. */
    init(c, MMC_FORMAT_UNIT, 6, MMC_DIR_OUT, (void *)list12, MMC_FORMAT_PARAM_LEN,
         (l[1] & 0x02) ? MMC_TIMEOUT_DEFAULT : MMC_TIMEOUT_LONG);
    c->cdb[1] = 0x10 | 0x01;                           /* FmtData, format code 001b */
}

void mmc_format_parameter_list(uint8_t *l, uint32_t blocks, uint8_t format_type,
                               uint32_t type_parameter, int immed)
{
    memset(l, 0, MMC_FORMAT_PARAM_LEN);
    /* header byte 1: FOV (bit 7) must be set for Immed (bit 1) to be honoured */
    l[1] = immed ? (0x80 | 0x02) : 0x00;
    put_be16(l + 2, 8);                               /* format descriptor length */
    put_be32(l + 4, blocks);
    l[8] = (uint8_t)((format_type & 0x3F) << 2);       /* sub-type 0 */
    put_be24(l + 9, type_parameter & 0xFFFFFF);
}

void mmc_cdb_send_cue_sheet(mmc_command *c, const void *cue, uint32_t len)
{
    init(c, MMC_SEND_CUE_SHEET, 10, MMC_DIR_OUT, (void *)cue, len, MMC_TIMEOUT_DEFAULT);
    put_be24(&c->cdb[6], len & 0xFFFFFF);
}

void mmc_cdb_send_opc_information(mmc_command *c, int do_opc)
{
    init(c, MMC_SEND_OPC_INFORMATION, 10, MMC_DIR_NONE, NULL, 0, MMC_TIMEOUT_MEDIUM);
    c->cdb[1] = do_opc ? 0x01 : 0x00;
}

int mmc_cdb_size_valid(const uint8_t *cdb, size_t cdb_len)
{
    /* Opcodes whose CDB size does not follow their group (IMAPI2 spec, SendCommand*). */
    static const uint8_t exempt[] = { 0x02, 0x05, 0x06, 0x09, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x13,
                                      0x14, 0x19, 0x20, 0x21, 0x22, 0x23, 0x24, 0x26, 0x27, 0x29,
                                      0x2C, 0x2D };
    size_t i;
    uint8_t op;

    if (!cdb || cdb_len < 6 || cdb_len > 16)
        return 0;
    op = cdb[0];
    for (i = 0; i < sizeof(exempt); i++)
        if (exempt[i] == op)
            return 1;
    if (op <= 0x1F)
        return cdb_len == 6;
    if (op <= 0x5F)
        return cdb_len == 10;
    if (op <= 0x7F)
        return 1;
    if (op <= 0x9F)
        return cdb_len == 16;
    if (op <= 0xBF)
        return cdb_len == 12;
    return 1;
}
