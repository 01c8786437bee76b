/* GET PERFORMANCE, SET CD SPEED, SET STREAMING, READ BUFFER CAPACITY. */
#include <string.h>
#include "vdrive_internal.h"

/* The fastest supported speed not above the request (the slowest if all are above). */
static unsigned pick_speed(vdrive *vd, unsigned kbs)
{
    unsigned speeds[VDRIVE_MAX_SPEEDS], n, i;
    vd_speed_list(vd, speeds, &n);
    if (!n) return 0;
    for (i = 0; i < n; i++) if (speeds[i] <= kbs) return speeds[i];
    return speeds[n - 1];
}

static unsigned max_speed(vdrive *vd) { return pick_speed(vd, 0xFFFFFFFFu); }

int vd_cmd_get_performance(vdrive *vd, mmc_command *cmd)
{
    const uint8_t *c = cmd->cdb;
    unsigned type = c[10], max_desc = get_be16(c + 8), speeds[VDRIVE_MAX_SPEEDS], n = 0, i;
    uint8_t d[8 + 16 * VDRIVE_MAX_SPEEDS];
    uint32_t end_lba = vd->st.capacity ? vd->st.capacity - 1 : 0;
    size_t len = 8;

    memset(d, 0, sizeof(d));
    if (type == 0x03)
    {
        if (vd_media_ready(vd)) vd_speed_list(vd, speeds, &n);
        for (i = 0; i < n && i < max_desc; i++, len += 16)
        {
            uint8_t *p = d + len;
            put_be32(p + 4, end_lba);
            put_be32(p + 8, max_speed(vd));
            put_be32(p + 12, speeds[i]);
        }
    }
    else if (type == 0x00)
    {
        int write = (c[1] & 0x04) != 0;
        d[4] = (uint8_t)(write ? 0x02 : 0);
        if ((c[1] & 0x03) == 0 && max_desc && vd_media_ready(vd))
        {
            unsigned speed = write ? (vd->st.write_speed ? vd->st.write_speed : max_speed(vd))
                                   : (vd->st.read_speed ? vd->st.read_speed : max_speed(vd));
            uint8_t *p = d + len;
            put_be32(p, 0);
            put_be32(p + 4, speed);
            put_be32(p + 8, end_lba);
            put_be32(p + 12, speed);
            len += 16;
        }
    }
    else return vd_invalid_cdb(cmd);
    put_be32(d, (uint32_t)(len - 4));
    return vd_reply(cmd, d, len, 8 + 16 * (size_t)max_desc);
}

int vd_cmd_set_cd_speed(vdrive *vd, mmc_command *cmd)
{
    unsigned read = get_be16(cmd->cdb + 2), write = get_be16(cmd->cdb + 4);
    vd->st.read_speed = read == 0xFFFF ? 0 : read;
    vd->st.write_speed = pick_speed(vd, write == 0xFFFF ? 0xFFFFFFFFu : write);
    vd->meta_dirty = 1;
    return MMC_STATUS_GOOD;
}

int vd_cmd_set_streaming(vdrive *vd, mmc_command *cmd)
{
    const uint8_t *c = cmd->cdb, *p = cmd->buf;
    size_t len = get_be16(c + 9);
    uint32_t write_size, write_time, read_size, read_time;

    if (c[8] != 0x00) return vd_invalid_cdb(cmd);          /* only the performance descriptor */
    if (len < 28 || !p || cmd->len < 28 || cmd->dir != MMC_DIR_OUT) return vd_invalid_cdb(cmd);
    read_size = get_be32(p + 12); read_time = get_be32(p + 16);
    write_size = get_be32(p + 20); write_time = get_be32(p + 24);
    if (p[0] & 0x04)                                        /* RDD: back to defaults */
    { vd->st.write_speed = max_speed(vd); vd->st.read_speed = 0; }
    else
    {
        if (!write_time || !read_time) return vd_invalid_param(cmd);
        /* sizes in kilobytes per times in milliseconds -> kB/s */
        vd->st.write_speed = pick_speed(vd, (unsigned)((uint64_t)write_size * 1000u / write_time));
        vd->st.read_speed = (unsigned)((uint64_t)read_size * 1000u / read_time);
    }
    vd->meta_dirty = 1;
    cmd->transferred = 28;
    return MMC_STATUS_GOOD;
}

int vd_cmd_buffer_capacity(vdrive *vd, mmc_command *cmd)
{
    uint64_t size = (uint64_t)vd->cfg.buffer_kb * 1024u, fill;
    uint8_t d[12];
    vd_buffer_drain(vd);
    fill = vd->buf_fill;
    memset(d, 0, sizeof(d));
    put_be16(d, 10);
    if (cmd->cdb[1] & 0x01)
    {
        d[3] = 0x01;                                        /* block: free space in blocks */
        put_be32(d + 8, (uint32_t)((size - fill) / MMC_SECTOR_DATA));
    }
    else
    {
        put_be32(d + 4, (uint32_t)size);
        put_be32(d + 8, (uint32_t)(size - fill));
    }
    return vd_reply(cmd, d, sizeof(d), get_be16(cmd->cdb + 7));
}
