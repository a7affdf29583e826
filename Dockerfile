# Multi-stage build: the SDK image compiles, the ASP.NET runtime image runs as a non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props CustomerServiceBot.sln ./
COPY src/CustomerServiceBot.Api/CustomerServiceBot.Api.csproj src/CustomerServiceBot.Api/
COPY src/CustomerServiceBot.Nlu/CustomerServiceBot.Nlu.csproj src/CustomerServiceBot.Nlu/
RUN dotnet restore src/CustomerServiceBot.Api/CustomerServiceBot.Api.csproj
COPY src/ src/
COPY data/ data/
RUN dotnet publish src/CustomerServiceBot.Api/CustomerServiceBot.Api.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The embedded SQLite file and trained models live here when no volume is mounted.
RUN mkdir -p /app/App_Data && chown -R app:app /app/App_Data
USER app
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8080
# The runtime image has no curl; bash's /dev/tcp is enough for a readiness probe.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "CustomerServiceBot.Api.dll"]
