package dev.rill.serve;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.util.JavalinBindException;

import java.util.List;

/**
 * The HTTP server of {@code rill serve}: the JSON API, its OpenAPI description and the demo page,
 * on Javalin (Jetty 12). All routes are in {@link #start}, in one table.
 *
 * <p>Requests run on Jetty's thread pool; each borrows a network copy of its model for the
 * forward pass ({@link CopyPool}), so concurrent requests never share a network or its state and
 * run side by side, up to {@link ServeSettings#copies()} per model.
 */
public final class RillServer implements AutoCloseable {

    private final Javalin app;
    private final ServeSettings settings;
    private final List<String> routes;

    private RillServer(Javalin app, ServeSettings settings, List<String> routes) {
        this.app = app;
        this.settings = settings;
        this.routes = routes;
    }

    /** The routes as "METHOD /path", e.g. "POST /api/classify". */
    List<String> routes() {
        return routes;
    }

    /**
     * Starts serving and returns once the port is open.
     *
     * @throws ServeException when the address cannot be bound (port taken, host not on this machine)
     */
    public static RillServer start(ModelRegistry models, ServeSettings settings) {
        Limits limits = settings.limits();
        ModelsEndpoint listing = new ModelsEndpoint(models);
        GenerateEndpoint generate = new GenerateEndpoint(models, limits);
        List<Route> routes = List.of(
                new Route(HandlerType.GET, "/health", listing::health),
                new Route(HandlerType.GET, "/api/models", listing::models),
                new Route(HandlerType.POST, "/api/classify", new ClassifyEndpoint(models, limits)),
                new Route(HandlerType.POST, "/api/tag", new TagEndpoint(models, limits)),
                new Route(HandlerType.POST, "/api/generate", generate::single),
                new Route(HandlerType.GET, "/api/generate/stream", generate::stream),
                new Route(HandlerType.POST, "/api/generate/stream", generate::stream),
                new Route(HandlerType.GET, "/openapi.json", new OpenApiDocument(limits)),
                new Route(HandlerType.GET, "/", StaticResource.demo("index.html", "text/html; charset=utf-8")),
                new Route(HandlerType.GET, "/demo.js", StaticResource.demo("demo.js", "text/javascript; charset=utf-8")),
                new Route(HandlerType.GET, "/demo.css", StaticResource.demo("demo.css", "text/css; charset=utf-8")));
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
            config.http.maxRequestSize = limits.maxBodyBytes();
            config.http.prefer405over404 = true;
            routes.forEach(r -> config.routes.addHttpHandler(r.method(), r.path(), r.handler()));
            new ErrorResponses(limits).install(config.routes);
        });
        try {
            app.start();
        } catch (JavalinBindException e) {
            throw new ServeException("cannot listen on " + settings.host() + ":" + settings.port() + " (" + e.getMessage()
                    + "); choose another --port, or a --host address of this machine", e);
        }
        return new RillServer(app, settings, routes.stream().map(r -> r.method().name() + " " + r.path()).toList());
    }

    /** A route: all of them are listed in {@link #start}. */
    private record Route(HandlerType method, String path, Handler handler) {
    }

    /** The port the server listens on (the one the OS chose when the settings said 0). */
    public int port() {
        return app.port();
    }

    /** The server's base URL, ending in {@code /}. */
    public String url() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return "http://" + host + ":" + port() + "/";
    }

    /** Stops accepting requests and closes the port. */
    @Override
    public void close() {
        app.stop();
    }
}
