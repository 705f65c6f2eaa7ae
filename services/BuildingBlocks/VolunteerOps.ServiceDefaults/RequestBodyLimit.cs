using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace VolunteerOps.ServiceDefaults;

/// <summary>
/// The body limit, enforced by the application itself: Kestrel enforces its own, but a host without it
/// (a test server, a future transport) must refuse just the same. Declared lengths are refused at once;
/// undeclared (chunked) bodies are cut off while being read.
/// </summary>
internal static class RequestBodyLimit
{
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app, long maxBytes) =>
        app.Use(async (http, next) =>
        {
            if (http.Request.ContentLength > maxBytes)
            {
                throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge);
            }

            if (http.Request.ContentLength is null && http.Request.Body.CanRead)
            {
                http.Request.Body = new LimitedStream(http.Request.Body, maxBytes);
            }

            await next(http);
        });

    private sealed class LimitedStream(Stream inner, long maxBytes) : Stream
    {
        private long read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        public override void Flush() => inner.Flush();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int n)
        {
            read += n;
            return read > maxBytes ? throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge) : n;
        }
    }
}
