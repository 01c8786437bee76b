/* mmc_command -> IDiscRecorder2Ex::SendCommand*. S_IMAPI_COMMAND_HAS_SENSE_DATA is a
 * check condition; the recorder's timeout code is a timeout; any other failure is a
 * transport error whose HRESULT is kept for the caller. */
#include "recorder_ex_transport.h"

static int ex_execute(mmc_transport *base, mmc_command *cmd)
{
    struct recorder_ex_transport *t = CONTAINING_RECORD(base, struct recorder_ex_transport, base);
    ULONG timeout = cmd->timeout_s ? cmd->timeout_s : IMAPI2_DEFAULT_COMMAND_TIMEOUT;
    ULONG fetched = 0;
    HRESULT hr;

    memset(cmd->sense, 0, sizeof(cmd->sense));
    cmd->transferred = 0;
    switch (cmd->dir)
    {
    case MMC_DIR_OUT:
        hr = IDiscRecorder2Ex_SendCommandSendDataToDevice(t->ex, cmd->cdb, cmd->cdb_len, cmd->sense, timeout,
                                                          cmd->buf, (ULONG)cmd->len);
        if (hr == S_OK) cmd->transferred = cmd->len;
        break;
    case MMC_DIR_IN:
        hr = IDiscRecorder2Ex_SendCommandGetDataFromDevice(t->ex, cmd->cdb, cmd->cdb_len, cmd->sense, timeout,
                                                           cmd->buf, (ULONG)cmd->len, &fetched);
        cmd->transferred = fetched;
        break;
    default:
        hr = IDiscRecorder2Ex_SendCommandNoData(t->ex, cmd->cdb, cmd->cdb_len, cmd->sense, timeout);
        break;
    }
    if (hr == S_OK) return MMC_STATUS_GOOD;
    if (hr == S_IMAPI_COMMAND_HAS_SENSE_DATA) return MMC_STATUS_CHECK_CONDITION;
    t->last_failure = hr;
    if (hr == E_IMAPI_RECORDER_COMMAND_TIMEOUT) return MMC_STATUS_TIMEOUT;
    return MMC_STATUS_TRANSPORT_ERROR;
}

static void ex_release(mmc_transport *base)
{
}

void recorder_ex_transport_init(struct recorder_ex_transport *t, IDiscRecorder2Ex *ex)
{
    t->base.execute = ex_execute;
    t->base.release = ex_release;
    t->base.ctx = t;
    t->ex = ex;
    t->last_failure = S_OK;
}
