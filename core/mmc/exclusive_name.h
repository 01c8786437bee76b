/* The name a client gives for exclusive access to a drive (IDiscRecorder2::
 * AcquireExclusiveAccess, and every format's ClientName, which IMAPI uses as that
 * owner name). It follows the rules of IOCTL_CDROM_EXCLUSIVE_ACCESS's caller name. */
#ifndef IMAPI_EXCLUSIVE_NAME_H
#define IMAPI_EXCLUSIVE_NAME_H

#include <stddef.h>
#include <stdint.h>

/* CDROM_EXCLUSIVE_CALLER_LENGTH: 64 characters including the terminator. */
#define EXCLUSIVE_NAME_MAX 63

/* 1 if name (UTF-16, len units, no terminator needed) is acceptable: non-empty, at most
 * EXCLUSIVE_NAME_MAX characters, only letters, digits and the separators
 * space . , : ; - _ (the set CDROM.SYS accepts for a caller name; [undoc] exact list). */
int exclusive_name_valid(const uint16_t *name, size_t len);

#endif
