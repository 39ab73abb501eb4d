/* thr-core.h — entry point of the core library (no GTK) */
#pragma once

#include "thr-demo.h"
#include "thr-period.h"
#include "thr-record.h"



G_BEGIN_DECLS

/* Registers the bundled contracts and calendars; safe to call more than once. */
void thr_core_init (void);

G_END_DECLS
