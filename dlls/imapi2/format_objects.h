/* Small objects the format objects hand out: IDiscFormat2DataEventArgs (progress of a
 * data write), IWriteSpeedDescriptor (one supported speed) and the IMultisession family
 * (IMultisessionSequential2 for sequential media, IMultisessionRandomWrite for
 * overwritable media). */
#ifndef FORMAT_OBJECTS_H
#define FORMAT_OBJECTS_H

#include "imapi2_private.h"
#include "mmc/mmc_burn.h"

/* A snapshot of the burn's progress as an IDispatch (IDiscFormat2DataEventArgs). */
HRESULT format_data_args_create(const mmc_burn_progress *p, IDispatch **out);

/* A snapshot of an AddAudioTrack's progress (IDiscFormat2TrackAtOnceEventArgs). */
struct mmc_tao_progress;
HRESULT format_tao_args_create(const struct mmc_tao_progress *p, IDispatch **out);

/* A snapshot of a raw WriteMedia's progress (IDiscFormat2RawCDEventArgs). */
struct mmc_raw_progress;
HRESULT format_raw_args_create(const struct mmc_raw_progress *p, IDispatch **out);

/* One write speed (MsftWriteSpeedDescriptor). */
HRESULT speed_desc_create(IMAPI_MEDIA_PHYSICAL_TYPE type, BOOL pure_cav, LONG sectors_per_second, IDispatch **out);

/* The multisession object for the medium in `recorder` (AddRef'ed and kept: every
 * property asks the drive again, so the fields follow the disc). random_write selects
 * MsftMultisessionRandomWrite, else MsftMultisessionSequential. */
HRESULT multisession_create(IDiscRecorder2 *recorder, BOOL random_write, IDispatch **out);

#endif
