#ifndef NEWSLINE_CRDKAFKA_SHIM_H
#define NEWSLINE_CRDKAFKA_SHIM_H

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#endif
