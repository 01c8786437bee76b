/* An mmc_transport over a client-supplied IDiscRecorder2Ex, so the core's command loops
 * (core/mmc/mmc_writer.c) and media queries (core/mmc/mmc_media.h) drive any recorder
 * object the public API hands us. Shared by imapi2.dll (format objects, write engine)
 * and imapi2fs.dll (ChooseImageDefaults, SetMaxMediaBlocksFromDevice). */
#ifndef RECORDER_EX_TRANSPORT_H
#define RECORDER_EX_TRANSPORT_H

#include "imapi_com.h"
#include "imapi2.h"
#include "imapi2error.h"
#include "mmc/mmc_transport.h"

struct recorder_ex_transport
{
    mmc_transport base;
    IDiscRecorder2Ex *ex;
    HRESULT last_failure;   /* the recorder's own HRESULT when a command failed outright */
};

/* Does not AddRef ex: the caller keeps it alive while the transport is used. */
void recorder_ex_transport_init(struct recorder_ex_transport *t, IDiscRecorder2Ex *ex);

#endif
