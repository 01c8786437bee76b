/* Progress objects handed to event sinks during writes (IWriteEngine2EventArgs). */
#ifndef WRITE_ARGS_H
#define WRITE_ARGS_H

#include "imapi2_private.h"
#include "mmc/mmc_writer.h"

/* A snapshot of the write's progress as an IDispatch (IWriteEngine2EventArgs). */
HRESULT write_args_create(const mmc_write_progress *p, IDispatch **out);

#endif
