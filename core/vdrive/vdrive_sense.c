/* Sense data (fixed format, response code 70h) and the shared reply helper. */
#include <string.h>
#include "vdrive_internal.h"

int vd_sense(mmc_command *cmd, uint8_t sk, unsigned asc_ascq)
{
    uint8_t *s = cmd->sense;
    memset(s, 0, MMC_SENSE_LEN);
    s[0] = MMC_SENSE_FIXED_CURRENT;
    s[2] = sk & 0x0F;
    s[7] = MMC_SENSE_LEN - 8;       /* additional sense length */
    s[12] = (uint8_t)(asc_ascq >> 8);
    s[13] = (uint8_t)asc_ascq;
    return MMC_STATUS_CHECK_CONDITION;
}

int vd_invalid_cdb(mmc_command *cmd)
{
    return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_INVALID_FIELD_IN_CDB);
}

int vd_invalid_param(mmc_command *cmd)
{
    return vd_sense(cmd, SK_ILLEGAL_REQUEST, MMC_ASCQ_INVALID_FIELD_IN_PARAMETER_LIST);
}

int vd_not_ready(vdrive *vd, mmc_command *cmd)
{
    if (vd->st.tray_open)
        return vd_sense(cmd, SK_NOT_READY, MMC_ASCQ_MEDIUM_NOT_PRESENT_TRAY_OPEN);
    if (!vd->st.media_present)
        return vd_sense(cmd, SK_NOT_READY, MMC_ASCQ_MEDIUM_NOT_PRESENT_TRAY_CLOSED);
    return vd_sense(cmd, SK_NOT_READY, MMC_ASCQ_BECOMING_READY);
}

int vd_reply(mmc_command *cmd, const void *data, size_t len, size_t alloc)
{
    size_t n = len < alloc ? len : alloc;
    if (n > cmd->len) n = cmd->len;
    if (n && (!cmd->buf || cmd->dir != MMC_DIR_IN)) return vd_invalid_cdb(cmd);
    if (n) memcpy(cmd->buf, data, n);
    cmd->transferred = n;
    return MMC_STATUS_GOOD;
}
