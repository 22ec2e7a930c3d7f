/**
 * faust-java's core: the API an app is written against, the transport SPI, the runtime behind
 * them (never exported), the {@code memory://} transport and the test driver.
 */
module faust.core {
    requires com.cronutils;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires org.slf4j;
    requires static transitive org.jspecify;

    exports faust;
    exports faust.agent;
    exports faust.auth;
    exports faust.codec;
    exports faust.errors;
    exports faust.sensor;
    exports faust.service;
    exports faust.settings;
    exports faust.store;
    exports faust.stream;
    exports faust.table;
    exports faust.testing;
    exports faust.topic;
    exports faust.transport;
    exports faust.window;

    uses faust.CommandLine;
    uses faust.store.StoreFactory;
    uses faust.transport.TransportFactory;

    provides faust.store.StoreFactory with faust.store.internal.MemoryStoreFactory;
    provides faust.transport.TransportFactory with faust.transport.internal.MemoryTransportFactory;
}
